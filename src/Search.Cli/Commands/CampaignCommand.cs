using System.CommandLine;
using NinSearch.Cli.Campaigns;
using NinSearch.Cli.Commands.Client;
using NinSearch.Core.Campaigns;
using NinSearch.Store;

namespace NinSearch.Cli.Commands;

/// <summary>
/// <c>nin-search campaign run --spec FILE</c> and <c>nin-search demo</c>: a campaign on a single-machine cluster
/// (in-process silo, local worker processes, embedded store by default), with live progress, the leaderboard, the
/// best trial exported, and with <c>--json</c> one JSON line at the end. <c>demo</c> also serves the dashboard while it
/// runs (<c>--no-dashboard</c> turns it off).
/// </summary>
internal static class CampaignCommand
{
    /// <summary>The campaign shipped as the documented example; <c>demo</c> runs it.</summary>
    public static string DemoSpecPath => Path.Combine(AppContext.BaseDirectory, "campaigns", "demo.json");

    public static Command Create() => new("campaign", "search campaigns: run one here, or submit to and query a NinSearch server")
    {
        Run(),
        SubmitCommand.Create(),
        ListCommand.Create(),
        ShowCommand.Create(),
        WatchCommand.Create(),
        LeaderboardCommand.Create(),
        CompareCommand.Create(),
        ParetoCommand.Create(),
        CancelCommand.Create(),
        ExportCommand.Create(),
        CurvesCommand.Create(),
    };

    public static Command Demo()
    {
        var command = new Command("demo", "a real search campaign on Fashion-MNIST (campaigns/demo.json), about 15 minutes on two CPU cores");
        var options = new RunOptions(command);
        var noDashboard = new Option<bool>("--no-dashboard") { Description = "do not serve the dashboard and REST API while the campaign runs" };
        command.Add(noDashboard);
        command.SetAction((result, ct) => CliAction.RunAsync(() => RunAsync(DemoSpecPath, options, result, ct, dashboard: !result.GetValue(noDashboard))));
        return command;
    }

    private static Command Run()
    {
        var command = new Command("run", "run a campaign described in a JSON file on this machine");
        var spec = new Option<FileInfo>("--spec") { Description = "campaign JSON file (see campaigns/demo.json)", Required = true };
        command.Add(spec);
        var options = new RunOptions(command);
        command.SetAction((result, ct) => CliAction.RunAsync(() => RunAsync(result.GetValue(spec)!.FullName, options, result, ct)));
        return command;
    }

    /// <summary>
    /// Exit code of a run that Ctrl+C or SIGTERM interrupted (the campaign is left resumable), as for other interrupted
    /// client verbs (<c>campaign watch</c>); the services (<c>up</c>, <c>silo</c>, <c>worker</c>, <c>dashboard</c>) exit 0.
    /// </summary>
    public const int Interrupted = 130;

    private static async Task<int> RunAsync(string specPath, RunOptions options, ParseResult result, CancellationToken ct, bool dashboard = false)
    {
        var file = LocalDataPath(CampaignFile.Read(specPath), result.GetValue(options.Data));
        var cluster = options.ToCluster(result, file);
        DataPreflight.Check(file.Dataset.Name, cluster.DataPath);
        await using var local = await LocalCluster.StartAsync(cluster, ct);
        await using var web = dashboard ? await LocalDashboard.StartAsync(local, cluster.RunFolder, LocalDashboard.DefaultPort, ct) : null;
        if (web is not null)
            await Console.Error.WriteLineAsync($"nin-search: dashboard on {web.Url} (API {web.Url}/api/v1, live events {web.Url}/api/v1/campaigns/<id>/events); API token in {web.TokenFile}");
        var report = await new CampaignRunner(local, result.GetValue(options.Json), cluster.RunFolder, options.ResumeCommand(cluster)).RunAsync(file, ct);
        return report is null ? Interrupted : report.ExitCode;
    }

    /// <summary>
    /// The campaign's dataset path as the local workers must read it: <c>--data</c> wins over the file's path (the
    /// campaign's path wins over a worker's own), and a relative path is taken from the current folder, as the user
    /// typed it, whatever folder the workers run in.
    /// </summary>
    private static CampaignFile LocalDataPath(CampaignFile file, string? overridePath)
    {
        var path = overridePath ?? file.Dataset.Path;
        if (path is null || path.StartsWith(CampaignValidator.DataUriScheme, StringComparison.Ordinal)) return file;
        return file with { Dataset = file.Dataset with { Path = Path.GetFullPath(path) } };
    }

    /// <summary>The flags shared by <c>campaign run</c> and <c>demo</c>.</summary>
    private sealed class RunOptions
    {
        public Option<int?> Workers { get; } = new("--workers") { Description = "local worker processes (default: the file's workers.count)" };
        public Option<StoreProvider> Store { get; } = new("--store") { Description = "sqlite (embedded, default) or postgres (a local server is started)", DefaultValueFactory = _ => StoreProvider.Sqlite };
        public Option<string?> StoreConnection { get; } = new("--store-connection") { Description = "store connection string" };
        public Option<string?> Device { get; } = new("--device") { Description = "auto, cpu or cuda (default: the file's)" };
        public Option<string?> Data { get; } = new("--data") { Description = "dataset folder (default: the file's, else the standard one)" };
        public Option<DirectoryInfo?> RunFolder { get; } = new("--run-dir") { Description = "database, logs and exports (default ./runs)" };
        public Option<bool> Json { get; } = new("--json") { Description = "progress on stderr, one JSON object on the last line of stdout" };

        public RunOptions(Command command)
        {
            foreach (var option in new Option[] { Workers, Store, StoreConnection, Device, Data, RunFolder, Json }) command.Add(option);
        }

        /// <summary>The <c>up</c> command that runs a cluster on the same store, which resumes a campaign left running there.</summary>
        public string ResumeCommand(LocalClusterOptions cluster)
        {
            var store = cluster.Store == StoreProvider.Sqlite ? "" : $" --store {cluster.Store.ToString().ToLowerInvariant()}";
            // Never the connection string itself: it may hold a password, and the user has it.
            var connection = cluster.StoreConnection is null ? "" : " --store-connection <the same>";
            return $"nin-search up{store}{connection} --run-dir {cluster.RunFolder}";
        }

        public LocalClusterOptions ToCluster(ParseResult result, CampaignFile file) => new()
        {
            Store = result.GetValue(Store),
            StoreConnection = result.GetValue(StoreConnection),
            RunFolder = result.GetValue(RunFolder)?.FullName ?? Path.GetFullPath("runs"),
            Workers = result.GetValue(Workers) ?? file.Workers.Count,
            WorkerThreads = file.Workers.Threads,
            Device = result.GetValue(Device) ?? file.Workers.Device,
            DataPath = result.GetValue(Data) ?? file.Dataset.Path,
            TrainSubset = file.Dataset.TrainSubset,
        };
    }
}
