using System.Text.Json;
using NinSearch.Abstractions;
using NinSearch.Core.Campaigns;
using NinSearch.Store;

namespace NinSearch.Silo.Search;

/// <summary>
/// The silo's default factory: <see cref="PresetSearch"/> when the search JSON names a <c>"preset"</c> (the
/// coordination benchmark), else <see cref="CoreCampaignSearch"/> from <see cref="SearchSettings"/>, warm-started from
/// the store when the settings name earlier campaigns (<see cref="WarmStartReader"/>). Without a
/// <paramref name="store"/> (tests of the search alone) such settings are refused.
/// </summary>
public sealed class DefaultCampaignSearchFactory(ICampaignStore? store = null) : ICampaignSearchFactory
{
    public async Task<ICampaignSearch> CreateAsync(CampaignDefinition definition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var json = string.IsNullOrWhiteSpace(definition.SearchJson) ? "{}" : definition.SearchJson;
        using (var document = JsonDocument.Parse(json))
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("preset", out _))
                return PresetSearch.FromJson(json);
        var settings = SearchSettings.Read(json);
        if (settings.WarmStartFrom is not { Count: > 0 } ids) return CoreCampaignSearch.Create(settings, definition.Dataset, definition.DatasetShape);
        var reader = new WarmStartReader(store ?? throw new InvalidOperationException("search.warm_start_from needs the campaign store; this factory has none"));
        var warmStart = await reader.ReadAsync(ids, CoreCampaignSearch.SpaceOf(settings), cancellationToken, settings.Objectives);
        return CoreCampaignSearch.Create(settings, definition.Dataset, definition.DatasetShape, warmStart);
    }
}
