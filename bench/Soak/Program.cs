using System.Globalization;
using NinSearch.Bench.Soak;

// Usage:
//   Soak [--minutes 5] [--workers 1000] [--clients 4] [--silos 2] [--campaigns 4] [--epochs 3] [--epoch-seconds 2]
//        [--heartbeat-seconds 5] [--lease-seconds 30] [--campaign-trials N] [--full-gc]
//        [--connection CS] [--keep] [--json PATH]
// Two nin-search silo processes on a fresh PostgreSQL database (server: --connection, else NINSEARCH_TEST_PG, else
// scripts/postgres.sh start), simulated workers in this process; prints a per-minute table, the checks and JSON.
string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
double Number(string name, double fallback) => Option(name) is { } v ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;

var options = new SoakOptions(
    Minutes: Number("--minutes", 5),
    Workers: (int)Number("--workers", 1000),
    Clients: (int)Number("--clients", 4),
    Silos: (int)Number("--silos", 2),
    Campaigns: (int)Number("--campaigns", 4),
    Epochs: (int)Number("--epochs", 3),
    EpochDelay: TimeSpan.FromSeconds(Number("--epoch-seconds", 2)),
    Heartbeat: TimeSpan.FromSeconds(Number("--heartbeat-seconds", 5)),
    Poll: TimeSpan.FromSeconds(1),
    LeaseDuration: TimeSpan.FromSeconds(Number("--lease-seconds", 30)),
    FullGc: args.Contains("--full-gc"),
    CampaignTrials: Option("--campaign-trials") is { } trials ? int.Parse(trials, CultureInfo.InvariantCulture) : null,
    Server: Option("--connection") ?? Environment.GetEnvironmentVariable("NINSEARCH_TEST_PG") ?? await NinSearch.Store.LocalPostgres.StartAsync(),
    Keep: args.Contains("--keep"),
    JsonPath: Option("--json"));

var summary = await SoakRun.RunAsync(options, Console.Error, CancellationToken.None);
Console.WriteLine(SoakReport.Table(summary));
var json = SoakReport.Json(summary);
Console.WriteLine(json);
if (options.JsonPath is { } path) await File.WriteAllTextAsync(path, json);
return summary.Passed ? 0 : 1;
