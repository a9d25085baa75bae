using System.Globalization;
using System.Text.Json;
using NinSearch.Spec;
using NinSearch.Store.ReadModel;

namespace NinSearch.Dashboard.Apis;

/// <summary>
/// The query string of <c>GET /api/v1/campaigns/{id}/leaderboard</c>, taken as text so that every bad value is
/// answered with a 400 naming its parameter (rather than a bare binding failure), then turned into a
/// <see cref="LeaderboardQuery"/>. Enum values are snake_case, as everywhere in the API.
/// </summary>
public static class LeaderboardParameters
{
    /// <summary>Parses the parameters; on failure <paramref name="errors"/> holds one entry per bad parameter.</summary>
    public static bool TryParse(
        string? sort, string? order, string? status, string? minValidationAccuracy, string? maxMacs, string? maxParameterCount,
        string? offset, string? limit, out LeaderboardQuery query, out Dictionary<string, string[]> errors)
    {
        var found = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var defaults = new LeaderboardQuery();
        query = defaults with
        {
            Sort = Choice<LeaderboardSort>("sort", sort, found) ?? defaults.Sort,
            Descending = order switch
            {
                null or "" or "desc" => true,
                "asc" => false,
                _ => Error(found, "order", $"must be asc or desc, got '{Shorten(order)}'", true),
            },
            Status = Choice<TrialStatus>("status", status, found),
            MinValidationAccuracy = Number("min_validation_accuracy", minValidationAccuracy, 0, 1, found),
            MaxMacs = Count("max_macs", maxMacs, 0, long.MaxValue, found),
            MaxParameterCount = Count("max_parameter_count", maxParameterCount, 0, long.MaxValue, found),
            Offset = (int)(Count("offset", offset, 0, int.MaxValue, found) ?? defaults.Offset),
            Limit = (int)(Count("limit", limit, 1, LeaderboardQuery.MaxLimit, found) ?? defaults.Limit),
        };
        errors = found;
        return found.Count == 0;
    }

    /// <summary>The snake_case names of <typeparamref name="T"/>'s values, as the API spells them.</summary>
    public static IEnumerable<string> Names<T>() where T : struct, Enum => System.Enum.GetNames<T>().Select(JsonNamingPolicy.SnakeCaseLower.ConvertName);

    private static T? Choice<T>(string name, string? text, Dictionary<string, string[]> errors) where T : struct, Enum
    {
        if (string.IsNullOrEmpty(text)) return null;
        foreach (var value in System.Enum.GetValues<T>())
            if (JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString()) == text) return value;
        return Error<T?>(errors, name, $"must be one of {string.Join(", ", Names<T>())}, got '{Shorten(text)}'", null);
    }

    private static double? Number(string name, string? text, double min, double max, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(text)) return null;
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : Error<double?>(errors, name, $"must be a number in [{min}, {max}], got '{Shorten(text)}'", null);
    }

    private static long? Count(string name, string? text, long min, long max, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(text)) return null;
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : Error<long?>(errors, name, $"must be an integer in [{min}, {max}], got '{Shorten(text)}'", null);
    }

    private static T Error<T>(Dictionary<string, string[]> errors, string name, string message, T fallback)
    {
        errors[name] = [message];
        return fallback;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
