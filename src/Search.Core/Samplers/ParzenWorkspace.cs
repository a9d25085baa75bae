namespace NinSearch.Core.Samplers;

/// <summary>
/// The arrays a <see cref="MultivariateParzen"/> fills per fit, kept for the next fit in the same role: TPE refits
/// its bad density for every suggestion, and allocating its kernel tables each time made garbage collection about
/// half of a suggestion's cost. A density built on a workspace is valid until the next fit on that workspace.
/// Not thread-safe; the sampler's lock guards it.
/// </summary>
internal sealed class ParzenWorkspace
{
    private readonly Dictionary<(int Dimension, int Part), double[]> _arrays = [];

    /// <summary>An array of <paramref name="length"/> for one part of one dimension's tables (contents left from the last fit).</summary>
    public double[] Get(int dimension, int part, int length)
    {
        if (_arrays.TryGetValue((dimension, part), out var array) && array.Length == length) return array;
        return _arrays[(dimension, part)] = new double[length];
    }
}
