using StbImageSharp;

namespace NinSearch.Model.Data;

/// <summary>
/// A folder with one sub-folder per class, named by the class; classes are numbered in ordinal name order.
/// Decodes PNG, JPEG, BMP, GIF and TGA with StbImageSharp (managed, no native dependency) and binary PGM/PPM with
/// <see cref="PnmDecoder"/>. Images are grey when every image is grey, otherwise RGB; all must have one size.
/// </summary>
internal static class ImageFolderReader
{
    private static readonly HashSet<string> Extensions = new(StringComparer.OrdinalIgnoreCase)
        { ".png", ".jpg", ".jpeg", ".bmp", ".gif", ".tga", ".pgm", ".ppm", ".pnm" };

    /// <summary>The class names of <paramref name="folder"/> (its sub-folders), sorted.</summary>
    public static string[] Classes(string folder)
    {
        if (!Directory.Exists(folder)) throw new DataFormatException(folder, "folder not found");
        var classes = Directory.GetDirectories(folder).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToArray();
        if (classes.Length < 2) throw new DataFormatException(folder, $"needs at least two class sub-folders, found {classes.Length}");
        return classes;
    }

    public static HostImages Read(string folder, string[] classes)
    {
        var files = new List<(string Path, int Label)>();
        for (var label = 0; label < classes.Length; label++)
        {
            var dir = Path.Combine(folder, classes[label]);
            if (!Directory.Exists(dir)) throw new DataFormatException(dir, $"class folder missing (the training data has class '{classes[label]}')");
            files.AddRange(Directory.GetFiles(dir).Where(f => Extensions.Contains(Path.GetExtension(f)))
                .Order(StringComparer.Ordinal).Select(f => (f, label)));
        }
        var extra = Directory.GetDirectories(folder).Select(Path.GetFileName).Except(classes).FirstOrDefault();
        if (extra is not null) throw new DataFormatException(Path.Combine(folder, extra), "class folder not present in the training data");
        if (files.Count == 0) throw new DataFormatException(folder, "no image files (png, jpg, bmp, gif, tga, pgm, ppm)");

        var decoded = files.Select(f => Decode(f.Path)).ToList();
        var channels = decoded.Any(d => d.Channels == 3) ? 3 : 1;
        var (height, width) = (decoded[0].Height, decoded[0].Width);
        var plane = height * width;
        var pixels = new byte[(long)files.Count * channels * plane];
        for (var i = 0; i < files.Count; i++)
        {
            var image = decoded[i];
            if (image.Height != height || image.Width != width)
                throw new DataFormatException(files[i].Path, $"is {image.Width}×{image.Height}, but {files[0].Path} is {width}×{height}; all images must have one size");
            // Interleaved HWC (grey or RGB) to planar CHW; grey images in an RGB set are repeated on each channel.
            var at = (long)i * channels * plane;
            for (var c = 0; c < channels; c++)
            for (var p = 0; p < plane; p++)
                pixels[at + c * plane + p] = image.Pixels[p * image.Channels + (image.Channels == 1 ? 0 : c)];
        }
        return new HostImages(pixels, [.. files.Select(f => (long)f.Label)], channels, height, width, classes.Length);
    }

    private static DecodedImage Decode(string path)
    {
        byte[] bytes;
        try { bytes = File.ReadAllBytes(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new DataFormatException(path, $"cannot read: {e.Message}", e); }
        if (PnmDecoder.IsPnm(bytes)) return PnmDecoder.Decode(path, bytes);
        try
        {
            var info = ImageInfo.FromStream(new MemoryStream(bytes))
                ?? throw new DataFormatException(path, "not a recognized image (png, jpeg, bmp, gif, tga, pgm, ppm)");
            var grey = info.ColorComponents is ColorComponents.Grey or ColorComponents.GreyAlpha;
            var image = ImageResult.FromMemory(bytes, grey ? ColorComponents.Grey : ColorComponents.RedGreenBlue);
            return new DecodedImage(image.Data, grey ? 1 : 3, image.Height, image.Width);
        }
        catch (DataFormatException) { throw; }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new DataFormatException(path, $"corrupt or truncated image: {e.Message}", e);
        }
    }
}
