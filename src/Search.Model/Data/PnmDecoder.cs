using System.Text;

namespace NinSearch.Model.Data;

/// <summary>Binary PGM (P5) and PPM (P6) images with 8-bit samples: simple to write from any tool, no codec needed.</summary>
internal static class PnmDecoder
{
    public static bool IsPnm(byte[] bytes) => bytes.Length >= 2 && bytes[0] == 'P' && (bytes[1] == '5' || bytes[1] == '6');

    public static DecodedImage Decode(string path, byte[] bytes)
    {
        var channels = bytes[1] == '5' ? 1 : 3;
        var at = 2;
        var width = Number();
        var height = Number();
        var max = Number();
        if (width <= 0 || height <= 0) throw new DataFormatException(path, $"bad PNM size {width}×{height}");
        if (max is <= 0 or > 255) throw new DataFormatException(path, $"PNM max value {max} unsupported (8-bit only)");
        at++; // the single whitespace byte after the header
        var size = (long)width * height * channels;
        if (bytes.Length - at < size) throw new DataFormatException(path, $"truncated: {width}×{height} needs {size} pixel bytes, found {bytes.Length - at}");
        var pixels = bytes.AsSpan(at, (int)size).ToArray();
        if (max != 255)
            for (var i = 0; i < pixels.Length; i++) pixels[i] = (byte)Math.Min(255, pixels[i] * 255 / max);
        return new DecodedImage(pixels, channels, height, width);

        int Number()
        {
            while (at < bytes.Length && (char.IsWhiteSpace((char)bytes[at]) || bytes[at] == '#'))
            {
                if (bytes[at] == '#') while (at < bytes.Length && bytes[at] != '\n') at++;
                else at++;
            }
            var start = at;
            while (at < bytes.Length && bytes[at] is >= (byte)'0' and <= (byte)'9') at++;
            if (at == start) throw new DataFormatException(path, "truncated or corrupt PNM header");
            return int.Parse(Encoding.ASCII.GetString(bytes, start, at - start));
        }
    }
}
