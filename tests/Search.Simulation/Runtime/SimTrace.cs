using System.Globalization;
using System.Text;

namespace NinSearch.Simulation.Runtime;

/// <summary>
/// The event trace of one schedule: what ran, when, as whom. Ids (GUIDs) are replaced by short names in order of first
/// appearance (L1, L2 for leases; T1, T2 for trials), so two runs of the same seed print the same trace.
/// </summary>
public sealed class SimTrace
{
    private readonly List<string> _lines = [];
    private readonly Dictionary<Guid, string> _names = [];

    /// <summary>The lines so far.</summary>
    public IReadOnlyList<string> Lines => _lines;

    /// <summary>Appends an event.</summary>
    public void Add(DateTimeOffset at, string actor, string what) =>
        _lines.Add(string.Create(CultureInfo.InvariantCulture, $"{(at - SimClock.Start).TotalSeconds,9:F3}s {actor}: {what}"));

    /// <summary>A stable short name for an id.</summary>
    public string Name(Guid id, string prefix)
    {
        if (_names.TryGetValue(id, out var name)) return name;
        return _names[id] = prefix + (_names.Count + 1).ToString(CultureInfo.InvariantCulture);
    }

    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (var line in _lines) text.AppendLine(line);
        return text.ToString();
    }
}
