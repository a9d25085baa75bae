using NinSearch.Core.Spaces;

namespace NinSearch.Core.Samplers;

/// <summary>
/// Mutations that make sense for a NiN (by the names in <see cref="NinDimensions"/>): add or remove a block (the new
/// block copies its predecessor's width, kernel and 1×1 depth), change a width, change the 1×1 depth, move dropout to
/// another block or re-rate it, change a kernel or a pooling, change one training hyperparameter. Spaces without NiN
/// names get the generic mutation: perturb one active dimension. Ordered values move one step; floats move by a
/// Gaussian in unit coordinates; unordered choices jump to another choice.
/// </summary>
internal static class NinMutator
{
    public static double?[] Mutate(SearchSpace space, double?[] parent, DeterministicRandom rng)
    {
        for (var attempt = 0; attempt < 16; attempt++)
        {
            var child = (double?[])parent.Clone();
            var ops = Applicable(space, child);
            ops[rng.NextInt(ops.Count)](child, rng);
            SpaceOps.Repair(space, child, rng);
            if (!SpaceOps.Same(child, parent)) return child;
        }
        return SpaceOps.SampleUniform(space, rng);
    }

    private static List<Action<double?[], DeterministicRandom>> Applicable(SearchSpace space, double?[] x)
    {
        var ops = new List<Action<double?[], DeterministicRandom>>();
        var active = Enumerable.Range(0, space.Count).Where(i => x[i] is not null).ToList();
        List<int> OfKind(string kind) => [.. active.Where(i => NinDimensions.TryParseBlockName(space.Dimensions[i].Name, out var k, out _) && k == kind)];

        var blocks = space.IndexOf(NinDimensions.Blocks);
        if (blocks >= 0 && x[blocks] is { } b && space.Dimensions[blocks] is var bd)
        {
            var u = bd.ToUnit(b);
            var step = 1.0 / bd.Cardinality!.Value;
            if (bd.FromUnit(u + step) != b) ops.Add((c, _) => c[blocks] = bd.FromUnit(u + step));
            if (bd.FromUnit(u - step) != b) ops.Add((c, _) => c[blocks] = bd.FromUnit(u - step));
        }
        foreach (var kind in new[] { "width", "pointwise", "kernel", "pool" })
            if (OfKind(kind) is { Count: > 0 } dims) ops.Add((c, r) => Perturb(space, c, dims[r.NextInt(dims.Count)], r));
        var dropouts = OfKind("dropout");
        if (dropouts.Count > 0) ops.Add((c, r) => Perturb(space, c, dropouts[r.NextInt(dropouts.Count)], r));
        if (dropouts.Select(i => x[i]).Distinct().Count() > 1)
            ops.Add((c, r) =>
            {
                var i = dropouts[r.NextInt(dropouts.Count)];
                var others = dropouts.Where(j => c[j] != c[i]).ToList();
                var j = others[r.NextInt(others.Count)];
                (c[i], c[j]) = (c[j], c[i]);
            });
        var training = active.Where(i => NinDimensions.Training.Contains(space.Dimensions[i].Name)).ToList();
        if (training.Count > 0) ops.Add((c, r) => Perturb(space, c, training[r.NextInt(training.Count)], r));
        var other = active.Where(i => !NinDimensions.IsKnown(space.Dimensions[i].Name) || space.Dimensions[i].Name == NinDimensions.BatchNorm).ToList();
        if (other.Count > 0) ops.Add((c, r) => Perturb(space, c, other[r.NextInt(other.Count)], r));
        return ops;
    }

    /// <summary>Moves dimension <paramref name="i"/> to a neighbouring value.</summary>
    internal static void Perturb(SearchSpace space, double?[] x, int i, DeterministicRandom rng)
    {
        var d = space.Dimensions[i];
        var v = x[i]!.Value;
        var ordered = d is IntDimension || (d is CategoricalDimension c && c.Choices.All(p => p.IsNumeric));
        if (d.Cardinality is { } n && n == 1) return;
        if (d is FloatDimension)
        {
            var u = d.ToUnit(v) + 0.15 * rng.NextGaussian();
            x[i] = d.FromUnit(u < 0 ? -u : u > 1 ? 2 - u : u);
        }
        else if (ordered)
        {
            var step = 1.0 / d.Cardinality!.Value;
            var u = d.ToUnit(v);
            var up = d.FromUnit(u + step);
            var down = d.FromUnit(u - step);
            x[i] = up == v ? down : down == v ? up : rng.NextDouble() < 0.5 ? up : down;
        }
        else
        {
            var k = rng.NextInt(d.Cardinality!.Value - 1);
            x[i] = k >= v ? k + 1 : k;
        }
    }
}
