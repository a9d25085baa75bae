namespace NinSearch.Dashboard.Ui.Launch;

/// <summary>
/// The validator's errors (keyed by JSON path, as in the API's 400 problem details) placed on the launch form: each
/// goes to the nearest field the form has for its path (<c>…choices[2]</c> to the choices, <c>…when.in[0]</c> to the
/// condition's values), and those with no place (<c>$</c>, <c>search</c>) to the summary at the top. Immutable.
/// </summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> placed;

    private FieldErrors(Dictionary<string, List<string>> placed, IReadOnlyList<string> unplaced)
    {
        this.placed = placed;
        Unplaced = unplaced;
    }

    public static FieldErrors None { get; } = new(new(StringComparer.Ordinal), []);

    /// <summary>Messages with no field of their own, each as "path: message".</summary>
    public IReadOnlyList<string> Unplaced { get; }

    public bool Any => placed.Count > 0 || Unplaced.Count > 0;

    /// <summary>How many messages there are in all.</summary>
    public int Count => placed.Values.Sum(m => m.Count) + Unplaced.Count;

    /// <summary>Places <paramref name="errors"/> on <paramref name="fields"/> (the paths the form shows messages for).</summary>
    public static FieldErrors Place(IDictionary<string, string[]> errors, IReadOnlySet<string> fields)
    {
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(fields);
        var placed = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var unplaced = new List<string>();
        foreach (var (path, messages) in errors)
        {
            if (FieldOf(path, fields) is { } field)
            {
                if (!placed.TryGetValue(field, out var list)) placed[field] = list = [];
                // A message for an item of a list names the item: "choices[2] repeats an earlier choice".
                list.AddRange(field == path ? messages : messages.Select(m => $"{Relative(path, field)}: {m}"));
            }
            else unplaced.AddRange(messages.Select(m => path is "$" or "" ? m : $"{path}: {m}"));
        }
        return new FieldErrors(placed, unplaced);
    }

    /// <summary>The messages for <paramref name="field"/> joined into one line; null when there are none.</summary>
    public string? For(string field) => placed.TryGetValue(field, out var messages) ? string.Join(" · ", messages) : null;

    /// <summary>Whether <paramref name="field"/> has a message.</summary>
    public bool Has(string field) => placed.ContainsKey(field);

    /// <summary>Whether any message is placed on a dimension row (so a collapsed editor can say so).</summary>
    public bool AnyUnder(string prefix) => placed.Keys.Any(k => k == prefix || k.StartsWith(prefix + ".", StringComparison.Ordinal) || k.StartsWith(prefix + "[", StringComparison.Ordinal));

    // The longest prefix of the path (whole segments: ".name" or "[n]") that is a field.
    private static string? FieldOf(string path, IReadOnlySet<string> fields)
    {
        for (var p = path; p.Length > 0; p = Parent(p))
            if (fields.Contains(p)) return p;
        return null;
    }

    // "…choices[2]" under "…choices" → "choices[2]"; "…dimensions[3].description" under "…dimensions[3]" → "description".
    private static string Relative(string path, string field)
    {
        var tail = path[field.Length..];
        return tail.StartsWith('[') ? field[(field.LastIndexOf('.') + 1)..] + tail : tail.TrimStart('.');
    }

    private static string Parent(string path)
    {
        var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
        return cut <= 0 ? "" : path[..cut];
    }
}
