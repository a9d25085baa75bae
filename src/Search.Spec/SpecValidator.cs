namespace NinSearch.Spec;

/// <summary>Checks a <see cref="NinSpec"/> and reports every problem with the path of the field that causes it.</summary>
public static class SpecValidator
{
    /// <summary>All problems with <paramref name="spec"/>; empty when it is valid.</summary>
    public static IReadOnlyList<SpecError> Validate(NinSpec spec)
    {
        var errors = new List<SpecError>();
        Walk(spec, errors);
        return errors;
    }

    /// <summary>Throws <see cref="SpecException"/> unless <paramref name="spec"/> is valid.</summary>
    public static void EnsureValid(NinSpec spec)
    {
        var errors = Validate(spec);
        if (errors.Count > 0) throw new SpecException(errors);
    }

    /// <summary>The width of a 1×1 layer after defaults: its own, the class count for the network's last layer, or the block's.</summary>
    public static int PointwiseWidth(NinSpec spec, int block, int layer)
    {
        var b = spec.Blocks[block];
        var isLast = block == spec.Blocks.Count - 1 && layer == b.Pointwise.Count - 1;
        return b.Pointwise[layer].Width ?? (isLast ? spec.Classes : b.Width);
    }

    /// <summary>The first convolution's width after defaults: the class count when the last block has no 1×1 layer.</summary>
    public static int ConvWidth(NinSpec spec, int block)
    {
        var b = spec.Blocks[block];
        var isLast = block == spec.Blocks.Count - 1 && b.Pointwise.Count == 0;
        return isLast && b.Width == 0 ? spec.Classes : b.Width;
    }

    internal static NinAnalysis Walk(NinSpec spec, List<SpecError> errors)
    {
        var layers = new List<LayerInfo>();
        if (spec.Version > NinSpec.CurrentVersion || spec.Version < 1)
            errors.Add(new("version", $"version {spec.Version} cannot be read by this build, which reads 1..{NinSpec.CurrentVersion}"));
        if (spec.Input is null) { errors.Add(new("input", "is required")); return new(layers); }
        if (spec.Input.Channels <= 0) errors.Add(new("input.channels", $"must be > 0, got {spec.Input.Channels}"));
        if (spec.Input.Height <= 0) errors.Add(new("input.height", $"must be > 0, got {spec.Input.Height}"));
        if (spec.Input.Width <= 0) errors.Add(new("input.width", $"must be > 0, got {spec.Input.Width}"));
        if (spec.Classes < 2) errors.Add(new("classes", $"must be ≥ 2, got {spec.Classes}"));
        if (spec.Blocks is null || spec.Blocks.Count == 0) { errors.Add(new("blocks", "needs at least one block")); return new(layers); }
        if (errors.Count > 0) return new(layers);

        var (c, h, w) = (spec.Input.Channels, spec.Input.Height, spec.Input.Width);
        for (var i = 0; i < spec.Blocks.Count; i++)
        {
            var block = spec.Blocks[i];
            var path = $"blocks[{i}]";
            var name = $"block{i + 1}";
            var last = i == spec.Blocks.Count - 1;
            if (block is null) { errors.Add(new(path, "is null")); return new(layers); }
            var before = errors.Count;
            if (block.Kernel <= 0) errors.Add(new($"{path}.kernel", $"must be > 0, got {block.Kernel}"));
            if (block.Stride <= 0) errors.Add(new($"{path}.stride", $"must be > 0, got {block.Stride}"));
            if (block.Padding < 0) errors.Add(new($"{path}.padding", $"must be ≥ 0, got {block.Padding}"));
            var convWidth = ConvWidth(spec, i);
            if (convWidth <= 0) errors.Add(new($"{path}.width", $"must be > 0, got {block.Width}"));
            if (block.Pointwise is null) { errors.Add(new($"{path}.pointwise", "is null")); return new(layers); }
            for (var j = 0; j < block.Pointwise.Count; j++)
            {
                var width = block.Pointwise[j]?.Width;
                if (width <= 0) errors.Add(new($"{path}.pointwise[{j}].width", $"must be > 0, got {width}"));
            }
            if (block.Dropout is { } rate && (rate < 0 || rate >= 1 || double.IsNaN(rate)))
                errors.Add(new($"{path}.dropout", $"must be in [0, 1), got {rate}"));
            if (block.Pool is { } pool)
            {
                if (pool.Kernel <= 0) errors.Add(new($"{path}.pool.kernel", $"must be > 0, got {pool.Kernel}"));
                if (pool.Stride <= 0) errors.Add(new($"{path}.pool.stride", $"must be > 0, got {pool.Stride}"));
                if (last) errors.Add(new($"{path}.pool", "the last block is followed by global average pooling; it takes no pooling of its own"));
            }
            if (last && block.Dropout > 0)
                errors.Add(new($"{path}.dropout", "the last block produces the class scores; put dropout after an earlier block"));
            var outWidth = block.Pointwise.Count == 0 ? convWidth : PointwiseWidth(spec, i, block.Pointwise.Count - 1);
            if (last && outWidth > 0 && outWidth != spec.Classes)
                errors.Add(new(block.Pointwise.Count == 0 ? $"{path}.width" : $"{path}.pointwise[{block.Pointwise.Count - 1}].width",
                    $"the network's last layer must have classes ({spec.Classes}) channels, got {outWidth}"));
            if (errors.Count > before) continue;

            var pad = block.EffectivePadding;
            var (oh, ow) = (ConvOut(h, block.Kernel, block.Stride, pad), ConvOut(w, block.Kernel, block.Stride, pad));
            if (oh < 1 || ow < 1)
            {
                errors.Add(new($"{path}.kernel", $"a {block.Kernel}×{block.Kernel} convolution (stride {block.Stride}, padding {pad}) collapses the {h}×{w} input to {oh}×{ow}"));
                return new(layers);
            }
            h = oh; w = ow;
            AddConv($"{name}.conv{block.Kernel}x{block.Kernel}", block.Kernel, convWidth, block.BatchNorm);
            for (var j = 0; j < block.Pointwise.Count; j++)
                AddConv($"{name}.mlp{j + 1}", 1, PointwiseWidth(spec, i, j), block.BatchNorm);

            if (block.Pool is { } p)
            {
                var (ph, pw) = (PoolOut(h, p.Kernel, p.Stride, p.CeilMode), PoolOut(w, p.Kernel, p.Stride, p.CeilMode));
                if (ph < 1 || pw < 1)
                {
                    errors.Add(new($"{path}.pool", $"{p.Kind.ToString().ToLowerInvariant()}-pool {p.Kernel}×{p.Kernel}/{p.Stride} collapses the {h}×{w} feature map to {ph}×{pw}"));
                    return new(layers);
                }
                h = ph; w = pw;
                layers.Add(new($"{name}.{(p.Kind == PoolKind.Max ? "maxpool" : "avgpool")}", p.Kind == PoolKind.Max ? LayerKind.MaxPool : LayerKind.AvgPool, c, h, w, 0, 0));
            }
            if (block.Dropout > 0) layers.Add(new($"{name}.dropout", LayerKind.Dropout, c, h, w, 0, 0));
        }
        if (errors.Count == 0) layers.Add(new("global_avg_pool", LayerKind.GlobalAvgPool, c, 1, 1, 0, 0));
        return new(layers);

        void AddConv(string layerName, int k, int outChannels, bool bn)
        {
            var weights = (long)c * outChannels * k * k;
            layers.Add(new(layerName, LayerKind.Conv, outChannels, h, w, weights + (bn ? 0 : outChannels), weights * h * w));
            if (bn) layers.Add(new(layerName + ".bn", LayerKind.BatchNorm, outChannels, h, w, 2L * outChannels, 0));
            c = outChannels;
        }
    }

    /// <summary>Output size of a convolution, as libtorch computes it.</summary>
    public static int ConvOut(int size, int kernel, int stride, int padding) => (size + 2 * padding - kernel) / stride + 1;

    /// <summary>Output size of an unpadded pooling, as libtorch computes it (ceil mode keeps the last window inside the input).</summary>
    public static int PoolOut(int size, int kernel, int stride, bool ceil)
    {
        if (size < kernel) return 0;
        if (!ceil) return (size - kernel) / stride + 1;
        var output = (size - kernel + stride - 1) / stride + 1;
        if ((output - 1) * stride >= size) output--;
        return output;
    }
}
