namespace NinSearch.Spec;

/// <summary>One layer of an analysed network: its output shape (without batch), parameters and multiply-accumulates.</summary>
public sealed record LayerInfo(string Name, LayerKind Kind, int Channels, int Height, int Width, long Params, long Macs)
{
    public string Shape => $"{Channels}×{Height}×{Width}";
}
