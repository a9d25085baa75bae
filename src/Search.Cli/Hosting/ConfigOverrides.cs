using System.CommandLine;

namespace NinSearch.Cli.Hosting;

/// <summary>
/// Maps command-line flags onto configuration keys, so that a flag, an environment variable
/// (<c>NinSearch__Silo__GatewayPort</c>) and appsettings.json all set the same option; a flag wins.
/// </summary>
internal sealed class ConfigOverrides
{
    private readonly List<(Option Option, string Key)> map = [];

    public Option<T> Add<T>(Command command, string name, string key, string description)
    {
        var option = new Option<T>(name) { Description = $"{description} (config {key})" };
        command.Add(option);
        map.Add((option, key));
        return option;
    }

    public IEnumerable<KeyValuePair<string, string?>> From(ParseResult result)
    {
        foreach (var (option, key) in map)
        {
            var value = result.GetResult(option)?.GetValueOrDefault<object?>();
            if (value is null) continue;
            if (value is Array array)
                for (var i = 0; i < array.Length; i++) yield return new($"{key}:{i}", Convert.ToString(array.GetValue(i), System.Globalization.CultureInfo.InvariantCulture));
            else
                yield return new(key, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
