namespace NinSearch.Model.Data;

/// <summary>Images as read from disk, in host memory: uint8 pixels in [count, channels, height, width] order.</summary>
internal sealed record HostImages(byte[] Pixels, long[] Labels, int Channels, int Height, int Width, int Classes)
{
    public int Count => Labels.Length;
}
