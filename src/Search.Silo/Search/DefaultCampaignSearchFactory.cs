using System.Text.Json;
using NinSearch.Abstractions;
using NinSearch.Core.Campaigns;

namespace NinSearch.Silo.Search;

/// <summary>
/// The silo's default factory: <see cref="PresetSearch"/> when the search JSON names a <c>"preset"</c> (the
/// coordination benchmark), else <see cref="CoreCampaignSearch"/> from <see cref="SearchSettings"/>.
/// </summary>
public sealed class DefaultCampaignSearchFactory : ICampaignSearchFactory
{
    public ICampaignSearch Create(CampaignDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var json = string.IsNullOrWhiteSpace(definition.SearchJson) ? "{}" : definition.SearchJson;
        using (var document = JsonDocument.Parse(json))
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("preset", out _))
                return PresetSearch.FromJson(json);
        return CoreCampaignSearch.Create(SearchSettings.Read(json), definition.Dataset, definition.DatasetShape);
    }
}
