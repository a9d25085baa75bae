using System.Text.Json;
using System.Text.Json.Serialization;

namespace NinSearch.Spec;

/// <summary>
/// The project's one JSON convention, for everything public or stored (specs, recipes, trial configs, campaign
/// files, search state, the REST API, CLI output): snake_case names, enums as snake_case strings, unknown fields
/// rejected (a typo must not silently fall back to a default), nulls omitted, and a version this build cannot read
/// refused by name. <see cref="Options"/> writes indented (files people read); <see cref="Compact"/> writes one line
/// (stored state, JSON lines, the wire).
/// </summary>
public static class SpecJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions(indented: true);

    /// <summary>The same convention as <see cref="Options"/>, written on one line.</summary>
    public static JsonSerializerOptions Compact { get; } = CreateOptions(indented: false);

    /// <summary>Applies the convention to options owned by someone else (e.g. ASP.NET Core's JSON options).</summary>
    public static void Apply(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.ReadCommentHandling = JsonCommentHandling.Skip;
        options.AllowTrailingCommas = true;
        options.NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
    }

    private static JsonSerializerOptions CreateOptions(bool indented)
    {
        var options = new JsonSerializerOptions { WriteIndented = indented };
        Apply(options);
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
