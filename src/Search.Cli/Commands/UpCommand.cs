using NinSearch.Cli.Hosting;
using System.CommandLine;
using NinSearch.Cli.Campaigns;
using NinSearch.Cli.Commands.Client;
using NinSearch.Store;
using NinSearch.Worker;

namespace NinSearch.Cli.Commands;

/// <summary>
/// <c>nin-search up</c>: a single-machine cluster — silo on the embedded store, N local workers and the dashboard —
/// that runs until Ctrl+C or SIGTERM. Campaigns are submitted through the dashboard's REST API (token in
/// <c>&lt;run-dir&gt;/api-token</c>, URL in <c>&lt;run-dir&gt;/dashboard.url</c>). Its gateway admits only its own workers
/// and dashboard: they share a cluster secret made fresh for the run (<see cref="LocalClusterSecret"/>).
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
        var dashboardPort = new Option<int>("--dashboard-port") { Description = $"port of the dashboard (default {LocalDashboard.DefaultPort}; a free one when taken)", DefaultValueFactory = _ => LocalDashboard.DefaultPort };
        var noDashboard = new Option<bool>("--no-dashboard") { Description = "do not serve the dashboard and REST API" };
        // The no-op trainer makes `up` a fast, torch-free cluster for end-to-end tests and demos of the coordination.
        var runner = SnakeCaseOption.Create<TrialRunnerKind>("--runner", "what the workers train with (default torch)");
        var command = new Command("up", "run a silo, N local workers and the dashboard on the embedded store until Ctrl+C")
        {
            workers, store, connection, device, data, runFolder, dashboardPort, noDashboard, runner,
        };
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
            LocalDashboard? started;
            try
            {
                started = result.GetValue(noDashboard) ? null : await LocalDashboard.StartAsync(cluster, options.RunFolder, result.GetValue(dashboardPort), ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                // A signal while the dashboard starts is a stop like any other (exit 0), not an interrupted job.
                await ServiceRun.StoppedBeforeStartAsync("up");
                return ServiceRun.Stopped;
            }
            await using var dashboard = started;
            if (dashboard is not null)
                await Console.Error.WriteLineAsync($"nin-search: dashboard on {dashboard.Url} (API {dashboard.Url}/api/v1, reference {dashboard.Url}/scalar); API token in {dashboard.TokenFile}");
            try { await Task.Delay(Timeout.Infinite, ct); }
            catch (OperationCanceledException) { }
            return 0;
        }));
        return command;
    }
}
