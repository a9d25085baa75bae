using System.Text.RegularExpressions;

namespace NinSearch.Cli.Tests.Deploy;

/// <summary>One row of docs/metrics.md: an exported metric, its Prometheus type, its labels and which service exports it.</summary>
public sealed record CatalogedMetric(string Name, string Type, IReadOnlyList<string> Labels, string Source, bool AppearsWithFirstEvent);

/// <summary>The metric tables of docs/metrics.md, the documented names every test and the Grafana dashboard hold to.</summary>
public static partial class MetricsCatalog
{
    public static string RepositoryFile(params string[] path) =>
        Path.Combine([Path.GetDirectoryName(RenderedManifests.K8sFolder)!, "..", .. path]);

    public static IReadOnlyList<CatalogedMetric> Load()
    {
        var rows = File.ReadLines(RepositoryFile("docs", "metrics.md")).Select(l => Row().Match(l)).Where(m => m.Success)
            .Select(m => new CatalogedMetric(
                m.Groups["name"].Value,
                m.Groups["type"].Value,
                [.. Label().Matches(m.Groups["labels"].Value).Select(l => l.Groups[1].Value)],
                m.Groups["source"].Value,
                m.Groups["meaning"].Value.Contains("Appears with the first", StringComparison.Ordinal)))
            .ToList();
        Assert.NotEmpty(rows);
        return rows;
    }

    [GeneratedRegex(@"^\|\s*`(?<name>ninsearch_[a-z_]+)`\s*\|\s*(?<type>gauge|counter|histogram)\s*\|(?<labels>[^|]*)\|\s*(?<source>silo|worker|dashboard)\s*\|(?<meaning>.*)\|$")]
    private static partial Regex Row();

    [GeneratedRegex(@"`([a-z_]+)`")]
    private static partial Regex Label();
}
