using System.Globalization;
using System.Text.Json;
using NinSearch.Cli.Client;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace NinSearch.Cli.Commands.Client;

/// <summary>
/// Table cells and formats for the client verbs. Cells are plain <see cref="Text"/> (never parsed as markup) with
/// control characters replaced, so a campaign named <c>[red]</c> or <c>&lt;b&gt;</c> shows as written.
/// </summary>
internal static class Cells
{
    public static IRenderable[] Row(params string?[] cells) => [.. cells.Select(c => (IRenderable)new Text(ApiError.Clean(c ?? "")))];

    public static string Percent(double? value) => value is { } v ? v.ToString("P2", CultureInfo.InvariantCulture) : "-";

    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Time(DateTimeOffset? at) => at is { } t ? t.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "-";

    /// <summary>A length of time as <c>hh:mm:ss</c>, with the days in front when there are any (<c>2d 03:04:05</c>).</summary>
    public static string Duration(double seconds)
    {
        var time = TimeSpan.FromSeconds(Math.Max(0, Math.Round(seconds)));
        var clock = time.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture);
        return time.Days > 0 ? $"{time.Days}d {clock}" : clock;
    }

    public static string Name<T>(T value) where T : struct, Enum => SnakeCaseOption.Name(value);

    /// <summary>A JSON value on one line: strings bare, numbers and the rest as JSON.</summary>
    public static string Value(JsonElement? value) => value switch
    {
        null => "-",
        { ValueKind: JsonValueKind.String } v => v.GetString()!,
        { } v => v.GetRawText(),
    };

    /// <summary>The sampler's values as <c>name=value</c> pairs, e.g. <c>lr=0.05 width_1=16</c>.</summary>
    public static string Parameters(JsonElement? parameters) =>
        parameters is { ValueKind: JsonValueKind.Object } p ? string.Join(' ', p.EnumerateObject().Select(x => $"{x.Name}={Value(x.Value)}")) : "";

    /// <summary>The element at a configuration path such as <c>architecture.blocks[1].width</c>; null when absent.</summary>
    public static JsonElement? At(JsonElement root, string path)
    {
        var current = root;
        foreach (var part in path.Split('.'))
        {
            var bracket = part.IndexOf('[');
            var name = bracket < 0 ? part : part[..bracket];
            if (name.Length > 0)
            {
                if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current)) return null;
            }
            for (var rest = bracket < 0 ? "" : part[bracket..]; rest.StartsWith('['); )
            {
                var close = rest.IndexOf(']');
                if (close < 0 || !int.TryParse(rest[1..close], NumberStyles.None, CultureInfo.InvariantCulture, out var index)) return null;
                if (current.ValueKind != JsonValueKind.Array || index >= current.GetArrayLength()) return null;
                current = current[index];
                rest = rest[(close + 1)..];
            }
        }
        return current;
    }
}
