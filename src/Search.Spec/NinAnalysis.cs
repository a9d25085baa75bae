namespace NinSearch.Spec;

/// <summary>
/// Analytic size of a NiN: per-layer output shapes, parameter count and multiply-accumulates (MACs) for one
/// image. Convolutions count k·k·C_in·C_out MACs per output pixel; batch norm, pooling and ReLU count none.
/// With batch norm a convolution has no bias and the norm adds 2·C parameters (running statistics are buffers).
/// </summary>
public sealed record NinAnalysis(IReadOnlyList<LayerInfo> Layers)
{
    public long Params => Layers.Sum(l => l.Params);

    public long Macs => Layers.Sum(l => l.Macs);

    /// <summary>Analyses a spec; throws <see cref="SpecException"/> naming every invalid field.</summary>
    public static NinAnalysis Of(NinSpec spec)
    {
        var errors = new List<SpecError>();
        var analysis = SpecValidator.Walk(spec, errors);
        if (errors.Count > 0) throw new SpecException(errors);
        return analysis;
    }
}
