using System.Globalization;
using System.Text;
using System.Text.Json;

namespace NinSearch.Core.Spaces;

/// <summary>
/// The JSON form of search spaces and configurations (snake_case, like <see cref="NinSearch.Spec.SpecJson"/>).
/// <code>
/// { "name": "…", "constraints": { "max_params": 3000000, "max_macs": 400000000 },
///   "dimensions": [
///     { "name": "blocks",  "type": "int", "low": 2, "high": 4, "step": 1 },
///     { "name": "width_3", "type": "int", "low": 32, "high": 256, "step": 32, "when": { "dimension": "blocks", "min": 3 } },
///     { "name": "lr",      "type": "float", "low": 0.001, "high": 0.3, "log": true },
///     { "name": "pool_1",  "type": "categorical", "choices": ["none", "max", "avg"] } ] }
/// </code>
/// Every error is a <see cref="SearchSpaceException"/> naming the dimension; unknown fields are refused.
/// </summary>
public static class SearchSpaceJson
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>Reads and validates a space.</summary>
    public static SearchSpace Read(string json)
    {
        using var document = Parse(json);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object) throw new SearchSpaceException(null, "the document must be a JSON object");
        Known(root, null, "name", "description", "constraints", "dimensions");
        var name = root.TryGetProperty("name", out var n) ? n.GetString() : null;
        var constraints = SpaceConstraints.None;
        if (root.TryGetProperty("constraints", out var c))
        {
            Known(c, null, "max_params", "max_macs");
            constraints = new(OptionalLong(c, "max_params", null), OptionalLong(c, "max_macs", null));
        }
        if (!root.TryGetProperty("dimensions", out var dims) || dims.ValueKind != JsonValueKind.Array)
            throw new SearchSpaceException(null, "'dimensions' must be an array");
        return new SearchSpace([.. dims.EnumerateArray().Select((d, i) => ReadDimension(d, i))], constraints, name);
    }

    /// <summary>Writes a space in the form <see cref="Read"/> reads.</summary>
    public static string Write(SearchSpace space)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            if (space.Name is not null) w.WriteString("name", space.Name);
            if (space.Constraints.MaxParams is not null || space.Constraints.MaxMacs is not null)
            {
                w.WriteStartObject("constraints");
                if (space.Constraints.MaxParams is { } p) w.WriteNumber("max_params", p);
                if (space.Constraints.MaxMacs is { } m) w.WriteNumber("max_macs", m);
                w.WriteEndObject();
            }
            w.WriteStartArray("dimensions");
            foreach (var d in space.Dimensions) WriteDimension(w, d);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>One dimension as compact JSON, as <see cref="Write"/> writes it inside <c>dimensions</c>.</summary>
    internal static string WriteDimension(Dimension dimension)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream)) WriteDimension(w, dimension);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>A configuration as a flat JSON object, e.g. <c>{"blocks":3,"lr":0.1,"pool_1":"max"}</c>.</summary>
    public static string WriteConfiguration(Configuration configuration)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            foreach (var (name, value) in configuration.Values)
            {
                w.WritePropertyName(name);
                WriteValue(w, value);
            }
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Reads a configuration, typing each value by its dimension in <paramref name="space"/>, and checks it is a point of the space.</summary>
    public static Configuration ReadConfiguration(SearchSpace space, string json)
    {
        using var document = Parse(json);
        var configuration = new Configuration(ReadValues(space, document.RootElement));
        space.Encode(configuration);
        return configuration;
    }

    /// <summary>
    /// Reads a possibly partial configuration (a flat JSON object of dimension names and values, as
    /// <see cref="WriteConfiguration"/> writes) typing each value by its dimension; throws
    /// <see cref="SearchSpaceException"/> naming a dimension the space does not have or a value of the wrong kind.
    /// Whether the values are in range and active is left to <see cref="SearchSpace.Encode"/>.
    /// </summary>
    public static IReadOnlyDictionary<string, ParamValue> ReadValues(SearchSpace space, JsonElement values)
    {
        ArgumentNullException.ThrowIfNull(space);
        if (values.ValueKind != JsonValueKind.Object) throw new SearchSpaceException(null, "a configuration must be a JSON object");
        var read = new Dictionary<string, ParamValue>(StringComparer.Ordinal);
        foreach (var p in values.EnumerateObject())
        {
            if (space.IndexOf(p.Name) < 0) throw new SearchSpaceException(p.Name, "the configuration names a dimension this space does not have");
            var d = space[p.Name];
            var value = ReadValue(p.Value, p.Name);
            if (d.Type == DimensionType.Float && value.IsNumeric) value = ParamValue.OfFloat(value.AsDouble());
            if (!read.TryAdd(p.Name, value)) throw new SearchSpaceException(p.Name, "appears twice in the configuration");
        }
        return read;
    }

    private static Dimension ReadDimension(JsonElement e, int position)
    {
        if (e.ValueKind != JsonValueKind.Object) throw new SearchSpaceException($"dimensions[{position}]", "must be an object");
        var name = e.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : throw new SearchSpaceException($"dimensions[{position}]", "has no 'name'");
        var type = e.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : throw new SearchSpaceException(name, "has no 'type' (int, float or categorical)");
        var when = e.TryGetProperty("when", out var w) ? ReadCondition(w, name) : null;
        switch (type)
        {
            case "int":
                Known(e, name, "name", "description", "type", "low", "high", "step", "when");
                return new IntDimension(name, RequiredLong(e, "low", name), RequiredLong(e, "high", name), OptionalLong(e, "step", name) ?? 1, when);
            case "float":
                Known(e, name, "name", "description", "type", "low", "high", "log", "when");
                var log = e.TryGetProperty("log", out var l) && (l.ValueKind is JsonValueKind.True or JsonValueKind.False
                    ? l.GetBoolean() : throw new SearchSpaceException(name, "'log' must be true or false"));
                return new FloatDimension(name, RequiredDouble(e, "low", name), RequiredDouble(e, "high", name), log, when);
            case "categorical":
                Known(e, name, "name", "description", "type", "choices", "when");
                if (!e.TryGetProperty("choices", out var choices) || choices.ValueKind != JsonValueKind.Array)
                    throw new SearchSpaceException(name, "a categorical dimension needs a 'choices' array");
                return new CategoricalDimension(name, [.. choices.EnumerateArray().Select(x => ReadValue(x, name))], when);
            default:
                throw new SearchSpaceException(name, $"unknown type '{type}'; expected int, float or categorical");
        }
    }

    private static DimensionCondition ReadCondition(JsonElement e, string name)
    {
        if (e.ValueKind != JsonValueKind.Object) throw new SearchSpaceException(name, "'when' must be an object");
        Known(e, name, "dimension", "min", "max", "in");
        var parent = e.TryGetProperty("dimension", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString()! : throw new SearchSpaceException(name, "'when' needs a 'dimension'");
        IReadOnlyList<ParamValue>? values = null;
        if (e.TryGetProperty("in", out var inList))
            values = inList.ValueKind == JsonValueKind.Array ? [.. inList.EnumerateArray().Select(x => ReadValue(x, name))] : throw new SearchSpaceException(name, "'when.in' must be an array");
        return new DimensionCondition(parent, OptionalDouble(e, "min", name), OptionalDouble(e, "max", name), values);
    }

    private static ParamValue ReadValue(JsonElement e, string? name) => e.ValueKind switch
    {
        JsonValueKind.True => ParamValue.OfBool(true),
        JsonValueKind.False => ParamValue.OfBool(false),
        JsonValueKind.String => ParamValue.OfString(e.GetString()!),
        // "0.0" and "1e-3" are floats even when integral, so a float choice keeps its kind through a round trip.
        JsonValueKind.Number when e.TryGetInt64(out var i) && !e.GetRawText().AsSpan().ContainsAny(".eE") => ParamValue.OfInt(i),
        JsonValueKind.Number => ParamValue.OfFloat(e.GetDouble()),
        _ => throw new SearchSpaceException(name, $"value {e.GetRawText()} must be a number, a string or a boolean"),
    };

    private static void WriteValue(Utf8JsonWriter w, ParamValue value)
    {
        switch (value.Kind)
        {
            case ValueKind.Int: w.WriteNumberValue(value.AsInt()); break;
            case ValueKind.Float: w.WriteRawValue(FloatText(value.AsDouble())); break;
            case ValueKind.Bool: w.WriteBooleanValue(value.AsBool()); break;
            default: w.WriteStringValue(value.AsString()); break;
        }
    }

    private static string FloatText(double v)
    {
        var s = v.ToString("R", CultureInfo.InvariantCulture);
        return s.AsSpan().ContainsAny(".eE") ? s : s + ".0";
    }

    private static void WriteDimension(Utf8JsonWriter w, Dimension d)
    {
        w.WriteStartObject();
        w.WriteString("name", d.Name);
        switch (d)
        {
            case IntDimension i:
                w.WriteString("type", "int"); w.WriteNumber("low", i.Low); w.WriteNumber("high", i.High); w.WriteNumber("step", i.Step);
                break;
            case FloatDimension f:
                w.WriteString("type", "float");
                w.WritePropertyName("low"); w.WriteRawValue(FloatText(f.Low));
                w.WritePropertyName("high"); w.WriteRawValue(FloatText(f.High));
                w.WriteBoolean("log", f.Log);
                break;
            case CategoricalDimension c:
                w.WriteString("type", "categorical");
                w.WriteStartArray("choices");
                foreach (var v in c.Choices) WriteValue(w, v);
                w.WriteEndArray();
                break;
        }
        if (d.When is { } when)
        {
            w.WriteStartObject("when");
            w.WriteString("dimension", when.Dimension);
            if (when.Min is { } min) { w.WritePropertyName("min"); w.WriteRawValue(min.ToString("R", CultureInfo.InvariantCulture)); }
            if (when.Max is { } max) { w.WritePropertyName("max"); w.WriteRawValue(max.ToString("R", CultureInfo.InvariantCulture)); }
            if (when.In is { } values)
            {
                w.WriteStartArray("in");
                foreach (var v in values) WriteValue(w, v);
                w.WriteEndArray();
            }
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    private static JsonDocument Parse(string json)
    {
        try { return JsonDocument.Parse(json, DocumentOptions); }
        catch (JsonException e) { throw new SearchSpaceException(null, $"malformed JSON: {e.Message}", e); }
    }

    private static void Known(JsonElement e, string? name, params string[] fields)
    {
        foreach (var p in e.EnumerateObject())
            if (!fields.Contains(p.Name)) throw new SearchSpaceException(name, $"unknown field '{p.Name}'; expected one of {string.Join(", ", fields)}");
    }

    private static long RequiredLong(JsonElement e, string field, string name) =>
        OptionalLong(e, field, name) ?? throw new SearchSpaceException(name, $"'{field}' is required");

    private static double RequiredDouble(JsonElement e, string field, string name) =>
        OptionalDouble(e, field, name) ?? throw new SearchSpaceException(name, $"'{field}' is required");

    private static long? OptionalLong(JsonElement e, string field, string? name) =>
        !e.TryGetProperty(field, out var v) ? null
        : v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var l) ? l
        : throw new SearchSpaceException(name, $"'{field}' must be an integer, got {v.GetRawText()}");

    private static double? OptionalDouble(JsonElement e, string field, string name) =>
        !e.TryGetProperty(field, out var v) ? null
        : v.ValueKind == JsonValueKind.Number ? v.GetDouble()
        : throw new SearchSpaceException(name, $"'{field}' must be a number, got {v.GetRawText()}");
}
