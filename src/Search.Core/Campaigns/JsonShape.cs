using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using NinSearch.Spec;

namespace NinSearch.Core.Campaigns;

/// <summary>
/// Checks JSON against the records it will be read into (<see cref="SpecJson.Options"/>: snake_case, enums as
/// snake_case strings, unknown members refused) and reports every problem with its path, where the serializer stops
/// at the first. Also locates malformed JSON, which the parser reports only by line and byte.
/// </summary>
internal static partial class JsonShape
{
    private const int MaxQuoted = 40;

    /// <summary>Parses <paramref name="utf8"/>; on malformed JSON adds one error at the path where reading stopped and returns null.</summary>
    public static JsonDocument? Parse(byte[] utf8, int maxDepth, FieldErrorList errors)
    {
        var readerOptions = new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = maxDepth };
        var frames = new List<Frame>();
        var reader = new Utf8JsonReader(utf8, readerOptions);
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        frames[^1] = frames[^1] with { Property = reader.GetString() };
                        break;
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        Advance(frames);
                        frames.Add(new Frame(reader.TokenType == JsonTokenType.StartArray, -1, null));
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        frames.RemoveAt(frames.Count - 1);
                        Complete(frames);
                        break;
                    default:
                        Advance(frames);
                        Complete(frames);
                        break;
                }
            }
        }
        catch (JsonException e)
        {
            // The failing token is the next element of an array, or the value of the last property read.
            if (frames.Count > 0 && frames[^1].IsArray) frames[^1] = frames[^1] with { Index = frames[^1].Index + 1 };
            errors.Add(PathOf(frames), $"malformed JSON: {e.Message}");
            return null;
        }
        if (frames.Count > 0)
        {
            errors.Add(PathOf(frames), "malformed JSON: the document ends before this value is closed");
            return null;
        }
        try
        {
            return JsonDocument.Parse(utf8, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = maxDepth });
        }
        catch (JsonException e)
        {
            errors.Add("$", $"malformed JSON: {e.Message}");
            return null;
        }
    }

    /// <summary>
    /// Checks <paramref name="value"/> can be read as <paramref name="type"/>: objects field by field (unknown and
    /// repeated fields refused), other values by reading them. <see cref="JsonElement"/> members are left to the caller.
    /// Returns false when an error was added.
    /// </summary>
    public static bool Check(JsonElement value, Type type, string path, FieldErrorList errors)
    {
        var before = errors.Count;
        CheckValue(value, type, path, errors);
        return errors.Count == before;
    }

    /// <summary>Checks the object's members are among <paramref name="known"/> and none repeats; false when an error was added.</summary>
    public static bool CheckFields(JsonElement obj, string path, IReadOnlyCollection<string> known, FieldErrorList errors)
    {
        if (obj.ValueKind != JsonValueKind.Object)
        {
            errors.Add(path, $"must be an object, got {Quote(obj)}");
            return false;
        }
        var before = errors.Count;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in obj.EnumerateObject())
        {
            var child = Join(path, p.Name);
            if (!seen.Add(p.Name)) errors.Add(child, "appears twice");
            else if (!known.Contains(p.Name)) errors.Add(child, $"unknown field; expected one of {string.Join(", ", known)}");
        }
        return errors.Count == before;
    }

    /// <summary>The JSON names of <paramref name="type"/>'s members under <see cref="SpecJson.Options"/>.</summary>
    public static IReadOnlyList<string> FieldNames(Type type) => [.. SpecJson.Options.GetTypeInfo(type).Properties.Select(p => p.Name)];

    /// <summary>A child path: <c>a.b</c>, or <c>a['odd name']</c> when the name is not a plain identifier.</summary>
    public static string Join(string path, string name)
    {
        var segment = PlainName().IsMatch(name) ? name : $"['{Shorten(name).Replace("'", "\\'", StringComparison.Ordinal)}']";
        return path.Length == 0 || path == "$" ? (segment[0] == '[' ? "$" + segment : segment) : segment[0] == '[' ? path + segment : $"{path}.{segment}";
    }

    /// <summary>The value's JSON text, shortened for messages.</summary>
    public static string Quote(JsonElement value) => Shorten(value.GetRawText());

    public static string Shorten(string text) => text.Length <= MaxQuoted ? text : text[..MaxQuoted] + "…";

    /// <summary>The snake_case JSON name of a .NET member or enum value.</summary>
    public static string SnakeCase(string name) => JsonNamingPolicy.SnakeCaseLower.ConvertName(name);

    private static void CheckValue(JsonElement value, Type type, string path, FieldErrorList errors)
    {
        var underlying = Nullable.GetUnderlyingType(type);
        var target = underlying ?? type;
        if (target == typeof(JsonElement)) return;
        if (value.ValueKind == JsonValueKind.Null)
        {
            if (underlying is null && type.IsValueType) errors.Add(path, $"must be {Describe(type)}, got null");
            return;
        }
        var info = SpecJson.Options.GetTypeInfo(target);
        if (info.Kind == JsonTypeInfoKind.Object)
        {
            if (!CheckFields(value, path, [.. info.Properties.Select(p => p.Name)], errors)) return;
            foreach (var p in value.EnumerateObject())
                CheckValue(p.Value, info.Properties.First(x => x.Name == p.Name).PropertyType, Join(path, p.Name), errors);
            return;
        }
        try
        {
            value.Deserialize(target, SpecJson.Options);
        }
        catch (JsonException)
        {
            errors.Add(path, $"must be {Describe(target)}, got {Quote(value)}");
        }
    }

    private static string Describe(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsEnum) return "one of " + string.Join(", ", Enum.GetNames(type).Select(SnakeCase));
        if (type == typeof(int)) return "an integer (32-bit)";
        if (type == typeof(long)) return "an integer (64-bit)";
        if (type == typeof(double) || type == typeof(float)) return "a number";
        if (type == typeof(bool)) return "true or false";
        if (type == typeof(string)) return "a string";
        if (type == typeof(TimeSpan)) return "a duration such as \"00:15:00\" or \"1.00:00:00\"";
        if (type.IsGenericType && typeof(System.Collections.IEnumerable).IsAssignableFrom(type))
            return type.GetGenericArguments()[0] == typeof(string) ? "an array of strings" : "an array";
        return "a " + type.Name;
    }

    private static void Advance(List<Frame> frames)
    {
        if (frames.Count > 0 && frames[^1].IsArray) frames[^1] = frames[^1] with { Index = frames[^1].Index + 1 };
    }

    // After a property's value, an error belongs to the object, not to the property just read.
    private static void Complete(List<Frame> frames)
    {
        if (frames.Count > 0 && !frames[^1].IsArray) frames[^1] = frames[^1] with { Property = null };
    }

    private static string PathOf(List<Frame> frames)
    {
        var path = "$";
        foreach (var f in frames)
        {
            if (f.IsArray) { if (f.Index >= 0) path += $"[{f.Index}]"; }
            else if (f.Property is not null) path = Join(path, f.Property);
        }
        return path;
    }

    private readonly record struct Frame(bool IsArray, int Index, string? Property);

    [GeneratedRegex("^[A-Za-z0-9_]+$")]
    private static partial Regex PlainName();
}
