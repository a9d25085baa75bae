using NinSearch.Spec;

namespace NinSearch.Dashboard.Ui.Architecture;

/// <summary>One mlpconv block of a <see cref="BlockDiagramModel"/>, as the diagram draws it.</summary>
/// <param name="Number">1-based, as the analysis names it (<c>block1</c>).</param>
/// <param name="Kernel">Kernel of the first convolution.</param>
/// <param name="Stride">Stride of the first convolution.</param>
/// <param name="Padding">Padding actually applied to the first convolution.</param>
/// <param name="ConvWidth">Output channels of the first convolution, after defaults.</param>
/// <param name="PointwiseWidths">Output channels of each 1×1 layer, after defaults.</param>
/// <param name="BatchNorm">Batch norm after every convolution.</param>
/// <param name="Pool">Pooling after the block, or null.</param>
/// <param name="Dropout">Dropout rate after the block, or null for none.</param>
/// <param name="Output">The tensor after the block (after pooling and dropout), without batch.</param>
/// <param name="Params">Parameters of the block's layers.</param>
/// <param name="Macs">Multiply-accumulates of the block's layers, per image.</param>
public sealed record BlockRow(
    int Number,
    int Kernel,
    int Stride,
    int Padding,
    int ConvWidth,
    IReadOnlyList<int> PointwiseWidths,
    bool BatchNorm,
    PoolSpec? Pool,
    double? Dropout,
    InputShape Output,
    long Params,
    long Macs)
{
    /// <summary>"5×5 conv, 32" or "5×5/2 conv, 32" when strided.</summary>
    public string ConvText => $"{Kernel}×{Kernel}{(Stride == 1 ? "" : $"/{Stride}")} conv, {ConvWidth}";

    /// <summary>"max-pool 3×3/2", with " (ceil)" in ceil mode; null without pooling.</summary>
    public string? PoolText => Pool is { } p
        ? $"{(p.Kind == PoolKind.Max ? "max" : "avg")}-pool {p.Kernel}×{p.Kernel}/{p.Stride}{(p.CeilMode ? " (ceil)" : "")}"
        : null;

    /// <summary>"dropout 0.25"; null without dropout.</summary>
    public string? DropoutText => Dropout is { } rate && rate > 0 ? $"dropout {Format.Number(rate)}" : null;
}
