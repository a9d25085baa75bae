using System.Globalization;

namespace NinSearch.Dashboard.Ui.Compare;

/// <summary>The trials a comparison shows, read from its <c>?trials=3,5</c> query: 2 to 4 distinct trial numbers.</summary>
public static class CompareSelection
{
    public const int Min = 2;

    public const int Max = 4;

    /// <summary>The numbers in <paramref name="query"/>, in its order; null with a message for people when it is not a valid selection.</summary>
    public static IReadOnlyList<int>? Parse(string? query, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(query))
        {
            error = $"Pick {Min} to {Max} trials to compare.";
            return null;
        }
        var parts = query.Split(',', StringSplitOptions.TrimEntries);
        var numbers = new List<int>(parts.Length);
        foreach (var part in parts)
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                error = $"\"{part}\" is not a trial number: the address lists trial numbers separated by commas, e.g. ?trials=3,5.";
                return null;
            }
            numbers.Add(number);
        }
        if (numbers.Distinct().Count() != numbers.Count) error = "Each trial can be compared only once; a number is repeated.";
        else if (numbers.Count is < Min or > Max) error = $"A comparison shows {Min} to {Max} trials; the address names {numbers.Count}.";
        return error is null ? numbers : null;
    }
}
