using NinSearch.Spec;

namespace NinSearch.Export;

/// <summary>
/// The state-dict entries a spec's network has, by name and shape, in TorchSharp's <c>state_dict()</c> order: every
/// parameter in module order, then every buffer in module order (its <c>state_dict</c> collects the recursive
/// <c>named_parameters()</c> before the recursive <c>named_buffers()</c>; PyTorch interleaves them per module). The
/// names are a contract shared by three builders that must agree: Search.Model's <c>NinModelBuilder</c> (TorchSharp),
/// the exported <c>model.py</c> (PyTorch) and this list, which checks weights against their spec without libtorch.
/// </summary>
/// <remarks>
/// <c>features.block{i}.conv{k}x{k}</c> is a block's first convolution and <c>features.block{i}.mlp{j}</c> its 1×1
/// convolutions; each has <c>weight</c> [out, in, k, k] and, without batch norm, <c>bias</c> [out]. With batch norm a
/// convolution <c>c</c> is followed by <c>c_bn</c> with <c>weight</c>, <c>bias</c>, <c>running_mean</c>,
/// <c>running_var</c> [out] and <c>num_batches_tracked</c> (a scalar). ReLU, pooling, dropout and the head
/// (<c>head.global_avg_pool</c>, <c>head.flatten</c>) hold no state.
/// </remarks>
public static class StateDictLayout
{
    /// <summary>The expected (name, shape) pairs of <paramref name="spec"/>'s network; throws <see cref="SpecException"/>
    /// for an invalid spec.</summary>
    public static IReadOnlyList<(string Name, long[] Shape)> For(NinSpec spec)
    {
        SpecValidator.EnsureValid(spec);
        var parameters = new List<(string, long[])>();
        var buffers = new List<(string, long[])>();
        long channels = spec.Input.Channels;
        for (var i = 0; i < spec.Blocks.Count; i++)
        {
            var block = spec.Blocks[i];
            for (var j = 0; j <= block.Pointwise.Count; j++)
            {
                var (name, kernel, width) = j == 0
                    ? ($"conv{block.Kernel}x{block.Kernel}", block.Kernel, SpecValidator.ConvWidth(spec, i))
                    : ($"mlp{j}", 1, SpecValidator.PointwiseWidth(spec, i, j - 1));
                var prefix = $"features.block{i + 1}.{name}";
                parameters.Add(($"{prefix}.weight", [width, channels, kernel, kernel]));
                if (block.BatchNorm)
                {
                    parameters.Add(($"{prefix}_bn.weight", [width]));
                    parameters.Add(($"{prefix}_bn.bias", [width]));
                    buffers.Add(($"{prefix}_bn.running_mean", [width]));
                    buffers.Add(($"{prefix}_bn.running_var", [width]));
                    buffers.Add(($"{prefix}_bn.num_batches_tracked", []));
                }
                else
                {
                    parameters.Add(($"{prefix}.bias", [width]));
                }
                channels = width;
            }
        }
        return [.. parameters, .. buffers];
    }

    /// <summary>
    /// Throws <see cref="InvalidDataException"/> naming the first difference when <paramref name="tensors"/> do not
    /// hold exactly the entries of <paramref name="spec"/>'s network with their shapes (order aside).
    /// </summary>
    public static void EnsureMatches(NinSpec spec, IReadOnlyList<NamedTensor> tensors)
    {
        var expected = For(spec);
        var actual = tensors.ToDictionary(t => t.Name, StringComparer.Ordinal);
        foreach (var (name, shape) in expected)
        {
            if (!actual.Remove(name, out var tensor))
                throw new InvalidDataException($"weights do not fit the spec: '{name}' is missing");
            if (!tensor.Shape.SequenceEqual(shape))
                throw new InvalidDataException($"weights do not fit the spec: '{name}' is [{string.Join(", ", tensor.Shape)}], the spec needs [{string.Join(", ", shape)}]");
        }
        if (actual.Count > 0)
            throw new InvalidDataException($"weights do not fit the spec: '{actual.Keys.First()}' is not part of its network");
    }
}
