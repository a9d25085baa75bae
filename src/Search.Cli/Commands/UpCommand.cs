using System.CommandLine;
using NinSearch.Cli.Campaigns;
using NinSearch.Cli.Commands.Client;
using NinSearch.Store;
using NinSearch.Worker;

namespace NinSearch.Cli.Commands;

/// <summary>
/// <c>nin-search up</c>: a single-machine cluster — silo on the embedded store plus N local workers — that runs
/// until Ctrl+C or SIGTERM. Campaigns are submitted by an Orleans client (e.g. the dashboard) to its gateway port.
/// </summary>
internal static class UpCommand
{
    public static Command Create()
    {
        var workers = new Option<int>("--workers") { Description = "local worker processes", DefaultValueFactory = _ => 1 };
        var store = new Option<StoreProvider>("--store") { Description = "sqlite (embedded, default) or postgres", DefaultValueFactory = _ => StoreProvider.Sqlite };
        var connection = new Option<string?>("--store-connection") { Description = "store connection string" };
        var device = new Option<string>("--device") { Description = "auto, cpu or cuda", DefaultValueFactory = _ => "auto" };
        var data = new Option<string?>("--data") { Description = "dataset folder" };
        var runFolder = new Option<DirectoryInfo?>("--run-dir") { Description = "database, logs and exports (default ./runs)" };
        // The no-op trainer makes `up` a fast, torch-free cluster for end-to-end tests and demos of the coordination.
        var runner = SnakeCaseOption.Create<TrialRunnerKind>("--runner", "what the workers train with (default torch)");
        var command = new Command("up", "run a silo and N local workers on the embedded store until Ctrl+C") { workers, store, connection, device, data, runFolder, runner };
        command.SetAction((result, ct) => CliAction.RunAsync(async () =>
        {
            var options = new LocalClusterOptions
            {
                Workers = result.GetValue(workers),
                Store = result.GetValue(store),
                StoreConnection = result.GetValue(connection),
                Device = result.GetValue(device)!,
                DataPath = result.GetValue(data),
                RunFolder = result.GetValue(runFolder)?.FullName ?? Path.GetFullPath("runs"),
                Runner = result.GetValue(runner),
            };
            await using var cluster = await LocalCluster.StartAsync(options, ct);
            await Console.Error.WriteLineAsync($"nin-search: silo up on {cluster.StoreDescription}, gateway 127.0.0.1:{cluster.GatewayPort}, {options.Workers} worker(s) logging to {Path.Combine(options.RunFolder, "logs")}; Ctrl+C stops");
            try { await Task.Delay(Timeout.Infinite, ct); }
            catch (OperationCanceledException) { }
            return 0;
        }));
        return command;
    }
}
