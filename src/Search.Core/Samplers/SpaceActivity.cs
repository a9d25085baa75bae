using NinSearch.Core.Spaces;

namespace NinSearch.Core.Samplers;

/// <summary>
/// <see cref="SearchSpace.IsActive"/> remembered per dimension and parent value: a condition is decided once per
/// distinct parent value instead of decoding and testing it for every drawn point (conditions on discrete parents,
/// as in the NiN space, have a handful of values). Not thread-safe; the sampler's lock guards it.
/// </summary>
internal sealed class SpaceActivity(SearchSpace space)
{
    private readonly Dictionary<(int Dimension, double Parent), bool> _known = [];

    public SearchSpace Space => space;

    public bool IsActive(int index, double?[] encoded)
    {
        var parent = space.ParentOf(index);
        if (parent < 0) return true;
        if (encoded[parent] is not { } value) return false;
        if (_known.TryGetValue((index, value), out var active)) return active;
        // A continuous parent has endless values: decide those directly rather than remember them all.
        if (space.Dimensions[parent].Cardinality is null) return space.IsActive(index, encoded);
        return _known[(index, value)] = space.IsActive(index, encoded);
    }
}
