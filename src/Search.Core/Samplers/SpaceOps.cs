using NinSearch.Core.Spaces;

namespace NinSearch.Core.Samplers;

/// <summary>Operations on encoded vectors shared by the samplers.</summary>
internal static class SpaceOps
{
    /// <summary>A point drawn from the prior: uniform per dimension (log-uniform where the dimension is log).</summary>
    public static double?[] SampleUniform(SearchSpace space, DeterministicRandom rng)
    {
        var x = new double?[space.Count];
        for (var i = 0; i < space.Count; i++)
            if (space.IsActive(i, x)) x[i] = space.Dimensions[i].FromUnit(rng.NextDouble());
        return x;
    }

    /// <summary>A point from unit coordinates (one per dimension, used only where active).</summary>
    public static double?[] FromUnit(SearchSpace space, IReadOnlyList<double> unit)
    {
        var x = new double?[space.Count];
        for (var i = 0; i < space.Count; i++)
            if (space.IsActive(i, x)) x[i] = space.Dimensions[i].FromUnit(unit[i]);
        return x;
    }

    public static bool Same(double?[] a, double?[] b)
    {
        for (var i = 0; i < a.Length; i++)
            if (a[i] != b[i]) return false;
        return true;
    }

    /// <summary>Equal discrete values, and floats within <paramref name="tolerance"/> of their unit range.</summary>
    public static bool NearDuplicate(SearchSpace space, double?[] a, double?[] b, double tolerance)
    {
        for (var i = 0; i < a.Length; i++)
        {
            if (a[i] is not { } x || b[i] is not { } y)
            {
                if (a[i] is not null || b[i] is not null) return false;
                continue;
            }
            var d = space.Dimensions[i];
            if (d.Type != DimensionType.Float) { if (x != y) return false; }
            else if (Math.Abs(d.ToUnit(x) - d.ToUnit(y)) > tolerance) return false;
        }
        return true;
    }

    /// <summary>Nulls inactive entries and fills newly active ones (copying the previous block's value where one exists, else from the prior).</summary>
    public static void Repair(SearchSpace space, double?[] x, DeterministicRandom rng)
    {
        for (var i = 0; i < space.Count; i++)
        {
            if (!space.IsActive(i, x)) { x[i] = null; continue; }
            if (x[i] is not null) continue;
            Fill(space, x, i, rng);
        }
    }

    /// <summary>Fills active entry <paramref name="i"/>: the previous block's value where one exists, else a draw from the prior.</summary>
    public static void Fill(SearchSpace space, double?[] x, int i, DeterministicRandom rng)
    {
        var d = space.Dimensions[i];
        if (NinDimensions.TryParseBlockName(d.Name, out var kind, out var block) && block > 1 &&
            space.IndexOf($"{kind}_{block - 1}") is var j and >= 0 && x[j] is { } previous && d.TryEncode(space.Dimensions[j].Decode(previous), out var copied))
            x[i] = copied;
        else
            x[i] = d.FromUnit(rng.NextDouble());
    }
}
