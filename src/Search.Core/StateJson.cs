using System.Text.Json;
using NinSearch.Spec;

namespace NinSearch.Core;

/// <summary>Saved sampler and scheduler state, in the project's one JSON convention (<see cref="SpecJson.Compact"/>).</summary>
internal static class StateJson
{
    public static JsonSerializerOptions Options => SpecJson.Compact;

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Deserialize<T>(string json, string what)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, Options) ?? throw new ArgumentException($"{what} state is null");
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"{what} state is not valid JSON: {e.Message}", nameof(json), e);
        }
    }
}
