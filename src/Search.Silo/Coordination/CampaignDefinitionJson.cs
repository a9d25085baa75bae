using System.Text.Json;
using NinSearch.Abstractions;
using NinSearch.Spec;

namespace NinSearch.Silo.Coordination;

/// <summary>How a <see cref="CampaignDefinition"/> is kept in the campaign row's spec column: the one JSON convention.</summary>
internal static class CampaignDefinitionJson
{
    // Rows written before the convention was unified used ASP.NET's web defaults (camelCase); they stay readable.
    private static readonly JsonSerializerOptions Legacy = new(JsonSerializerDefaults.Web);

    public static string Write(CampaignDefinition definition) => JsonSerializer.Serialize(definition, SpecJson.Compact);

    public static CampaignDefinition Read(string json)
    {
        CampaignDefinition? definition;
        try
        {
            definition = JsonSerializer.Deserialize<CampaignDefinition>(json, SpecJson.Compact);
        }
        catch (JsonException)
        {
            definition = JsonSerializer.Deserialize<CampaignDefinition>(json, Legacy);
        }
        return definition ?? throw new InvalidDataException("campaign spec column holds null");
    }
}
