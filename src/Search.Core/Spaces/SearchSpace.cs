using System.Security.Cryptography;
using System.Text;

namespace NinSearch.Core.Spaces;

/// <summary>
/// A validated set of typed, possibly conditional dimensions plus constraints. Dimensions are kept in an order
/// where every condition's parent comes before its child (declaration order when it already is). Construction
/// throws <see cref="SearchSpaceException"/> naming the dimension for duplicate names, unknown references,
/// cycles and conditions that can never hold. Immutable and thread-safe.
/// </summary>
public sealed class SearchSpace
{
    private readonly Dictionary<string, int> _index;
    private readonly int[] _parent;

    public SearchSpace(IEnumerable<Dimension> dimensions, SpaceConstraints? constraints = null, string? name = null)
    {
        var declared = dimensions?.ToList() ?? throw new ArgumentNullException(nameof(dimensions));
        if (declared.Count == 0) throw new SearchSpaceException(null, "the space has no dimensions");
        var byName = new Dictionary<string, Dimension>(StringComparer.Ordinal);
        foreach (var d in declared)
            if (!byName.TryAdd(d.Name, d)) throw new SearchSpaceException(d.Name, "is declared twice");
        foreach (var d in declared)
        {
            if (d.When is not { } when) continue;
            if (when.Dimension == d.Name) throw new SearchSpaceException(d.Name, "its condition refers to itself (a cycle)");
            if (!byName.TryGetValue(when.Dimension, out var parent))
                throw new SearchSpaceException(d.Name, $"its condition refers to unknown dimension '{when.Dimension}'");
            CheckSatisfiable(d, when, parent);
        }
        Dimensions = Order(declared, byName);
        _index = Dimensions.Select((d, i) => (d.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);
        _parent = [.. Dimensions.Select(d => d.When is { } w ? _index[w.Dimension] : -1)];
        Constraints = constraints ?? SpaceConstraints.None;
        Name = name;
        if (Constraints.MaxParams <= 0) throw new SearchSpaceException(null, $"constraints.max_params must be > 0, got {Constraints.MaxParams}");
        if (Constraints.MaxMacs <= 0) throw new SearchSpaceException(null, $"constraints.max_macs must be > 0, got {Constraints.MaxMacs}");
        Fingerprint = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(SearchSpaceJson.Write(this))))[..16];
    }

    public string? Name { get; }

    /// <summary>The dimensions, parents before children.</summary>
    public IReadOnlyList<Dimension> Dimensions { get; }

    public SpaceConstraints Constraints { get; }

    /// <summary>A hash of the space's JSON; saved sampler state refuses to restore into a different space.</summary>
    public string Fingerprint { get; }

    public int Count => Dimensions.Count;

    /// <summary>The index of <paramref name="name"/> in <see cref="Dimensions"/>, or -1.</summary>
    public int IndexOf(string name) => _index.TryGetValue(name, out var i) ? i : -1;

    public Dimension this[string name] => _index.TryGetValue(name, out var i) ? Dimensions[i] : throw new SearchSpaceException(name, "no such dimension");

    /// <summary>The index of dimension <paramref name="index"/>'s condition parent, or -1.</summary>
    public int ParentOf(int index) => _parent[index];

    /// <summary>
    /// Whether dimension <paramref name="index"/> is active in an encoded vector whose earlier entries are filled
    /// (inactive entries are null).
    /// </summary>
    public bool IsActive(int index, IReadOnlyList<double?> encoded)
    {
        var p = _parent[index];
        return p < 0 || (encoded[p] is { } v && Dimensions[index].When!.IsSatisfiedBy(Dimensions[p].Decode(v)));
    }

    /// <summary>The configuration of an encoded vector (null entries are inactive dimensions).</summary>
    public Configuration Decode(IReadOnlyList<double?> encoded) =>
        new(Dimensions.Select((d, i) => (d, v: encoded[i])).Where(x => x.v is not null)
            .Select(x => KeyValuePair.Create(x.d.Name, x.d.Decode(x.v!.Value))));

    /// <summary>
    /// Encodes a configuration; throws <see cref="SearchSpaceException"/> naming the dimension when a value is
    /// unknown, out of range, missing while active, or present while inactive.
    /// </summary>
    public double?[] Encode(Configuration configuration)
    {
        foreach (var name in configuration.Values.Keys)
            if (!_index.ContainsKey(name)) throw new SearchSpaceException(name, "the configuration names a dimension this space does not have");
        var encoded = new double?[Count];
        for (var i = 0; i < Count; i++)
        {
            var d = Dimensions[i];
            var active = IsActive(i, encoded);
            var present = configuration.TryGet(d.Name, out var value);
            if (active && !present) throw new SearchSpaceException(d.Name, "is active but the configuration has no value for it");
            if (!active && present) throw new SearchSpaceException(d.Name, $"is inactive ({d.When}) but the configuration gives it a value");
            if (!active) continue;
            if (!d.TryEncode(value, out var e)) throw new SearchSpaceException(d.Name, $"value {value} is not in the dimension's range");
            encoded[i] = e;
        }
        return encoded;
    }

    /// <summary>Whether the configuration is a valid point of this space.</summary>
    public bool Contains(Configuration configuration)
    {
        try { Encode(configuration); return true; }
        catch (SearchSpaceException) { return false; }
    }

    private static void CheckSatisfiable(Dimension child, DimensionCondition when, Dimension parent)
    {
        if (when.Min is null && when.Max is null && when.In is null)
            throw new SearchSpaceException(child.Name, $"its condition on '{parent.Name}' sets none of min, max, in");
        if (when.Min > when.Max)
            throw new SearchSpaceException(child.Name, $"contradictory condition: min ({when.Min}) > max ({when.Max})");
        if ((when.Min is not null || when.Max is not null) && parent.NumericBounds is null)
            throw new SearchSpaceException(child.Name, $"its condition uses min/max on '{parent.Name}', which is not numeric");
        if (!parent.CanSatisfy(when)) throw new SearchSpaceException(child.Name, $"contradictory condition: '{parent.Name}' can never be {when}");
    }

    // Kahn's algorithm with the ready dimensions in a heap by declaration index, so declaration order survives when
    // valid and a long space costs O(n log n): each dimension has at most one parent, so it is ready once that is placed.
    private static IReadOnlyList<Dimension> Order(List<Dimension> declared, Dictionary<string, Dimension> byName)
    {
        var position = new Dictionary<string, int>(declared.Count, StringComparer.Ordinal);
        for (var i = 0; i < declared.Count; i++) position[declared[i].Name] = i;
        var children = new List<int>?[declared.Count];
        var ready = new PriorityQueue<int, int>();
        for (var i = 0; i < declared.Count; i++)
        {
            if (declared[i].When is { } when) (children[position[when.Dimension]] ??= []).Add(i);
            else ready.Enqueue(i, i);
        }
        var ordered = new List<Dimension>(declared.Count);
        var placed = new bool[declared.Count];
        while (ready.TryDequeue(out var next, out _))
        {
            placed[next] = true;
            ordered.Add(declared[next]);
            foreach (var child in children[next] ?? []) ready.Enqueue(child, child);
        }
        if (ordered.Count < declared.Count) throw Cycle(declared[Array.IndexOf(placed, false)], byName);
        return ordered;
    }

    // Every unplaced dimension leads, parent by parent, into a cycle; report the cycle from where the walk enters it.
    private static SearchSpaceException Cycle(Dimension stuck, Dictionary<string, Dimension> byName)
    {
        var path = new List<string> { stuck.Name };
        var seen = new HashSet<string>(StringComparer.Ordinal) { stuck.Name };
        var d = byName[stuck.When!.Dimension];
        for (; seen.Add(d.Name); d = byName[d.When!.Dimension]) path.Add(d.Name);
        var cycle = path.Skip(path.IndexOf(d.Name)).ToList();
        return new SearchSpaceException(d.Name, $"conditions form a cycle: {string.Join(" → ", cycle)} → {d.Name}");
    }
}
