using System.Text.Json;
using System.Text.Json.Serialization;

namespace NinSearch.Spec;

/// <summary>
/// The JSON form of specs, recipes and trial configs: snake_case names, enums as strings, unknown fields rejected
/// (a typo must not silently fall back to a default), and a version this build cannot read refused by name.
/// </summary>
public static class SpecJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            ReadCommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
            WriteIndented = true,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>Reads and validates an architecture spec.</summary>
    public static NinSpec ReadSpec(string json)
    {
        using (var document = Parse(json))
        {
            if (document.RootElement.ValueKind == JsonValueKind.Object &&
                document.RootElement.TryGetProperty("version", out var version) &&
                version.TryGetInt32(out var v) && v > NinSpec.CurrentVersion)
                throw new SpecException("version", $"version {v} cannot be read by this build, which reads 1..{NinSpec.CurrentVersion}");
        }
        var spec = Deserialize<NinSpec>(json);
        SpecValidator.EnsureValid(spec);
        return spec;
    }

    /// <summary>Reads a spec from a file; errors name the file.</summary>
    public static NinSpec ReadSpecFile(string path)
    {
        if (!File.Exists(path)) throw new SpecException("file", $"architecture file '{path}' does not exist");
        try
        {
            return ReadSpec(File.ReadAllText(path));
        }
        catch (SpecException e)
        {
            throw new SpecException([.. e.Errors.Select(x => x with { Path = $"{path}: {x.Path}" })], e);
        }
    }

    /// <summary>Deserializes any spec type; malformed JSON and unknown fields become a <see cref="SpecException"/> with the JSON path.</summary>
    public static T Deserialize<T>(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, Options) ?? throw new SpecException("$", "is null");
        }
        catch (JsonException e)
        {
            throw new SpecException(ToFieldPath(e.Path), e.Message, e);
        }
    }

    private static JsonDocument Parse(string json)
    {
        try
        {
            return JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new SpecException(ToFieldPath(e.Path), $"malformed JSON: {e.Message}", e);
        }
    }

    // "$.blocks[1].kernel" → "blocks[1].kernel", the form validation errors use.
    private static string ToFieldPath(string? jsonPath) =>
        string.IsNullOrEmpty(jsonPath) || jsonPath == "$" ? "$" : jsonPath.StartsWith("$.") ? jsonPath[2..] : jsonPath;
}
