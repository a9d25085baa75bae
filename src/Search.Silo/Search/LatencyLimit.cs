using System.Text.Json;
using NinSearch.Abstractions;

namespace NinSearch.Silo.Search;

/// <summary>
/// A campaign's <c>search.max_latency_ms</c> (<see cref="Core.Campaigns.SearchSettings.MaxLatencyMs"/>), which its
/// leases carry: only a worker can time a network, so the silo passes the limit on and the worker rejects a slower
/// trial before training it. Read as the one field, so that any search section (a preset's too) may set it.
/// </summary>
internal static class LatencyLimit
{
    /// <summary>The limit in milliseconds per image at batch 1, or null when the campaign sets none.</summary>
    public static double? Of(CampaignDefinition definition)
    {
        if (string.IsNullOrWhiteSpace(definition.SearchJson)) return null;
        using var search = JsonDocument.Parse(definition.SearchJson);
        return search.RootElement.ValueKind == JsonValueKind.Object
            && search.RootElement.TryGetProperty("max_latency_ms", out var limit)
            && limit.ValueKind == JsonValueKind.Number ? limit.GetDouble() : null;
    }
}
