using NinSearch.Spec;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NinSearch.Model.Building;

/// <summary>Builds a <see cref="NinModel"/> from a spec: the only place where a spec becomes TorchSharp modules.</summary>
public static class NinModelBuilder
{
    private static readonly Lock SeedGate = new();

    /// <summary>
    /// Builds the network for <paramref name="spec"/> on the CPU, initialized by <paramref name="init"/> from
    /// <paramref name="seed"/>: the same arguments give the same weights. Every convolution is followed by batch
    /// norm (when the block asks for it) and ReLU, except that the network's last convolution has no ReLU unless
    /// <see cref="NinSpec.FinalRelu"/>. Pooling uses the spec's ceil mode. Throws <see cref="SpecException"/> for an
    /// invalid spec. Seeding uses libtorch's global generator, so concurrent builds are serialized here.
    /// </summary>
    public static NinModel Build(NinSpec spec, InitKind init = InitKind.Xavier, long seed = 0)
    {
        SpecValidator.EnsureValid(spec);
        lock (SeedGate)
        {
            torch.manual_seed(seed);
            var features = nn.Sequential();
            var channels = (long)spec.Input.Channels;
            for (var i = 0; i < spec.Blocks.Count; i++)
                features.append($"block{i + 1}", BuildBlock(spec, i, ref channels));
            var head = nn.Sequential(("global_avg_pool", nn.AdaptiveAvgPool2d(1)), ("flatten", nn.Flatten()));
            var model = new NinModel(spec, features, head);
            WeightInit.Apply(model, init);
            return model;
        }
    }

    private static Sequential BuildBlock(NinSpec spec, int index, ref long channels)
    {
        var block = spec.Blocks[index];
        var lastBlock = index == spec.Blocks.Count - 1;
        var layers = nn.Sequential();
        var convs = 1 + block.Pointwise.Count;
        for (var j = 0; j < convs; j++)
        {
            var (name, kernel, stride, padding, width) = j == 0
                ? ($"conv{block.Kernel}x{block.Kernel}", block.Kernel, block.Stride, block.EffectivePadding, SpecValidator.ConvWidth(spec, index))
                : ($"mlp{j}", 1, 1, 0, SpecValidator.PointwiseWidth(spec, index, j - 1));
            // With batch norm right after, a bias would be cancelled by the norm's mean: leave it out.
            layers.append(name, nn.Conv2d(channels, width, kernel, stride: stride, padding: padding, bias: !block.BatchNorm));
            if (block.BatchNorm) layers.append($"{name}_bn", nn.BatchNorm2d(width));
            var finalConv = lastBlock && j == convs - 1;
            if (!finalConv || spec.FinalRelu) layers.append($"{name}_relu", nn.ReLU(inplace: true));
            channels = width;
        }
        if (block.Pool is { } pool)
        {
            layers.append(pool.Kind == PoolKind.Max ? "maxpool" : "avgpool", pool.Kind == PoolKind.Max
                ? nn.MaxPool2d(pool.Kernel, pool.Stride, ceil_mode: pool.CeilMode)
                : nn.AvgPool2d(pool.Kernel, pool.Stride, ceil_mode: pool.CeilMode));
        }
        if (block.Dropout is > 0 and var rate) layers.append("dropout", new SeededDropout(rate));
        return layers;
    }
}
