using System.Globalization;
using NinSearch.Bench;

// Usage:
//   ReadModelBench [--trials 10000] [--other-campaigns 3] [--calls 500] [--warmup 50] [--connection CS] [--keep] [--sql]
// Seeds a fresh PostgreSQL database (server: --connection, else NINSEARCH_TEST_PG, else scripts/postgres.sh start),
// times ICampaignReadModel.GetLeaderboardAsync for several queries and prints one JSON line per query.
string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
int IntOption(string name, int fallback) => Option(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

var options = new LeaderboardBenchOptions(
    Trials: IntOption("--trials", 10_000),
    OtherCampaigns: IntOption("--other-campaigns", 3),
    Calls: IntOption("--calls", 500),
    Warmup: IntOption("--warmup", 50),
    Keep: args.Contains("--keep"),
    ShowSql: args.Contains("--sql"));
var server = Option("--connection")
    ?? Environment.GetEnvironmentVariable("NINSEARCH_TEST_PG")
    ?? await NinSearch.Store.LocalPostgres.StartAsync();
await LeaderboardBench.RunAsync(server, options);
return 0;
