using System.CommandLine;
using System.Text.Json;

namespace NinSearch.Cli.Commands.Client;

/// <summary>
/// An enum flag spelled as the API spells it (snake_case: <c>best_validation_accuracy</c>); hyphens, any case and no
/// separator at all (<c>noop</c> for <c>no_op</c>) are accepted too, and a wrong value lists the right ones.
/// </summary>
internal static class SnakeCaseOption
{
    public static Option<T?> Create<T>(string name, string description) where T : struct, Enum
    {
        var names = Enum.GetValues<T>().ToDictionary(v => JsonNamingPolicy.SnakeCaseLower.ConvertName(v.ToString()), v => v);
        var bare = Enum.GetValues<T>().ToDictionary(v => v.ToString().ToLowerInvariant(), v => v);
        return new Option<T?>(name)
        {
            Description = description,
            HelpName = string.Join('|', names.Keys),
            CustomParser = result =>
            {
                if (result.Tokens.Count == 0) return null;
                var token = result.Tokens[^1].Value;
                if (names.TryGetValue(token.Replace('-', '_').ToLowerInvariant(), out var value)) return value;
                if (bare.TryGetValue(token.ToLowerInvariant(), out value)) return value;
                result.AddError($"{name} '{token}' is not one of {string.Join(", ", names.Keys)}");
                return null;
            },
        };
    }

    public static string Name<T>(T value) where T : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());
}
