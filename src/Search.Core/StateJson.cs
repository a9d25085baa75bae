using System.Text.Json;
using System.Text.Json.Serialization;

namespace NinSearch.Core;

/// <summary>JSON settings for saved sampler and scheduler state: snake_case, enums as strings, compact.</summary>
internal static class StateJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

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
