namespace NinSearch.Model.Data;

/// <summary>One decoded image: interleaved pixels (height × width × channels), 1 or 3 channels.</summary>
internal sealed record DecodedImage(byte[] Pixels, int Channels, int Height, int Width);
