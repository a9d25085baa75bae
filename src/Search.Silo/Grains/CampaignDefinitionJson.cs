using System.Text.Json;
using NinSearch.Abstractions;

namespace NinSearch.Silo.Grains;

/// <summary>How a <see cref="CampaignDefinition"/> is kept in the campaign row's spec column.</summary>
internal static class CampaignDefinitionJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Write(CampaignDefinition definition) => JsonSerializer.Serialize(definition, Options);

    public static CampaignDefinition Read(string json) =>
        JsonSerializer.Deserialize<CampaignDefinition>(json, Options)
        ?? throw new InvalidDataException("campaign spec column holds null");
}
