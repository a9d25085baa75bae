using System.Globalization;
using System.Text.Json;
using NinSearch.Spec;

namespace NinSearch.Dashboard.Ui.Live;

/// <summary>
/// One axis of the parallel-coordinates plot. Numeric parameters are drawn on their own scale; categorical ones
/// (text, booleans, or numbers mixed with them) as indices 0, 1, 2, … with their values as tick labels. A trial
/// without the parameter (a conditional dimension that was off) sits at the tick "n/a".
/// </summary>
public sealed record ParameterAxis(string Label, IReadOnlyList<object> Values, IReadOnlyList<object>? TickValues, IReadOnlyList<object>? TickText);

/// <summary>The axes for the searched parameters of the finished trials, and validation accuracy last.</summary>
public static class ParameterAxes
{
    public const string Missing = "n/a";

    /// <summary>
    /// The most lines drawn: 500. Beyond a few hundred the plot is a solid block, and drawing thousands of WebGL lines
    /// in a browser without a GPU takes seconds on every redraw; the best trials are the ones worth reading.
    /// </summary>
    public const int MaxLines = 500;

    /// <summary>The trials that ended (complete or pruned) with an accuracy and sampler values.</summary>
    public static IEnumerable<LiveTrial> Finished(IEnumerable<LiveTrial> trials) => trials
        .Where(t => t.Status is TrialStatus.Complete or TrialStatus.Pruned && t.BestValidationAccuracy is not null && t.Params is { ValueKind: JsonValueKind.Object });

    /// <summary>
    /// The axes over the <see cref="Finished"/> trials (the <paramref name="maxLines"/> most accurate of them): one per
    /// parameter that takes at least two values, by name, then validation accuracy in percent. Empty when fewer than
    /// two trials qualify.
    /// </summary>
    public static IReadOnlyList<ParameterAxis> From(IEnumerable<LiveTrial> trials, int maxLines = MaxLines)
    {
        var rows = Finished(trials)
            .OrderByDescending(t => t.BestValidationAccuracy)
            .ThenBy(t => t.Number)
            .Take(maxLines)
            .OrderBy(t => t.Number)
            .ToList();
        if (rows.Count < 2) return [];
        var values = rows.Select(t => t.Params!.Value.EnumerateObject().ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal)).ToList();
        var names = values.SelectMany(v => v.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        var axes = new List<ParameterAxis>();
        foreach (var name in names)
        {
            var column = values.Select(v => v.TryGetValue(name, out var value) && value.ValueKind != JsonValueKind.Null ? (JsonElement?)value : null).ToList();
            if (column.Distinct(ValueComparer.Instance).Count() < 2) continue;
            axes.Add(column.All(v => v is { ValueKind: JsonValueKind.Number }) ? Numeric(name, column) : Categorical(name, column));
        }
        axes.Add(new ParameterAxis("validation %", [.. rows.Select(t => (object)Math.Round(t.BestValidationAccuracy!.Value * 100, 3))], null, null));
        return axes;
    }

    private static ParameterAxis Numeric(string name, List<JsonElement?> column) =>
        new(name, [.. column.Select(v => (object)v!.Value.GetDouble())], null, null);

    private static ParameterAxis Categorical(string name, List<JsonElement?> column)
    {
        var labels = column.Where(v => v is not null).Select(v => Label(v!.Value)).Distinct(StringComparer.Ordinal)
            .OrderBy(l => double.TryParse(l, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? 0 : 1)
            .ThenBy(l => double.TryParse(l, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : 0)
            .ThenBy(l => l, StringComparer.Ordinal)
            .ToList();
        if (column.Any(v => v is null)) labels.Insert(0, Missing);
        var index = labels.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i, StringComparer.Ordinal);
        return new ParameterAxis(
            name,
            [.. column.Select(v => (object)index[v is { } value ? Label(value) : Missing])],
            [.. labels.Select((_, i) => (object)i)],
            [.. labels.Cast<object>()]);
    }

    private static string Label(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Number => value.GetDouble().ToString("G6", CultureInfo.InvariantCulture),
        _ => value.GetRawText(),
    };

    private sealed class ValueComparer : IEqualityComparer<JsonElement?>
    {
        public static readonly ValueComparer Instance = new();

        public bool Equals(JsonElement? x, JsonElement? y) => (x, y) switch
        {
            (null, null) => true,
            ({ } a, { } b) => a.ValueKind == b.ValueKind && Label(a) == Label(b),
            _ => false,
        };

        public int GetHashCode(JsonElement? value) => value is { } v ? HashCode.Combine(v.ValueKind, Label(v)) : 0;
    }
}
