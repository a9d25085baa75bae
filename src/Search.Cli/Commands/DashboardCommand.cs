using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NinSearch.Abstractions;
using NinSearch.Cli.Hosting;
using NinSearch.Dashboard.Auth;
using NinSearch.Dashboard.Hosting;
using NinSearch.Store;

namespace NinSearch.Cli.Commands;

/// <summary>
/// <c>nin-search dashboard</c>: the campaign service (REST API under /api/v1, OpenAPI, Scalar reference) as an Orleans
/// client of a running cluster, until SIGTERM or Ctrl+C. Flags, environment (<c>NinSearch__Api__Token</c>) and
/// appsettings.json set the same options; a flag wins.
/// </summary>
internal static class DashboardCommand
{
    public static Command Create()
    {
        var command = new Command("dashboard", "serve the REST API of a running cluster (campaigns, leaderboards, live events, exports)");
        var map = new ConfigOverrides();
        map.Add<StoreProvider?>(command, "--store", "Store:Provider", "sqlite or postgres: the store the silos use");
        map.Add<string?>(command, "--store-connection", "Store:ConnectionString", "store connection string");
        map.Add<ClusteringMode?>(command, "--clustering", "NinSearch:Cluster:Clustering", "localhost or postgres");
        map.Add<string?>(command, "--cluster-connection", "NinSearch:Cluster:ConnectionString", "PostgreSQL connection string for clustering");
        map.Add<int[]?>(command, "--gateway-port", "NinSearch:Cluster:GatewayPorts", "localhost clustering: silo gateway port(s) (default 30000)");
        map.Add<string?>(command, "--api-token-file", $"{ApiOptions.Section}:TokenFile", "file holding the bearer token mutations need (or NinSearch__Api__Token); without one, mutations are refused");
        map.Add<int?>(command, "--metrics-port", $"{ApiOptions.Section}:MetricsPort", "also serve /metrics, /healthz and /readyz on this port (they are on the main port too)");
        var urls = new Option<string?>("--urls") { Description = "where to listen, e.g. http://0.0.0.0:5080 (several separated by ';'); overrides --host and --port" };
        var host = new Option<string>("--host") { Description = "address to listen on", DefaultValueFactory = _ => "127.0.0.1" };
        var port = new Option<int>("--port") { Description = "port to listen on", DefaultValueFactory = _ => 5080 };
        var verbose = new Option<bool>("--verbose") { Description = "log at information level" };
        foreach (var option in new Option[] { urls, host, port, verbose }) command.Add(option);
        command.SetAction((result, ct) => CliAction.RunAsync(async () =>
        {
            var listen = result.GetValue(urls) is { Length: > 0 } list
                ? list.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                : [$"http://{result.GetValue(host)}:{result.GetValue(port)}"];
            await Console.Error.WriteLineAsync("nin-search: dashboard connecting to the cluster…");
            WebApplication app;
            try
            {
                app = await DashboardHost.StartAsync(map.From(result), listen, result.GetValue(verbose) ? LogLevel.Information : LogLevel.Warning, cancellationToken: ct);
            }
            // Only a signal cancels the start: ct, or the application's own console lifetime a moment before it. A start
            // the signal cut short may also end in the error of the step it interrupted (the Orleans client's connection
            // attempt fails as "no gateway"): still the signal, as ServiceRun says for the worker and the silo.
            catch (Exception e) when (e is OperationCanceledException || ct.IsCancellationRequested)
            {
                await ServiceRun.StoppedBeforeStartAsync("dashboard");
                return ServiceRun.Stopped;
            }
            await using var _ = app;
            var address = DashboardHost.Addresses(app).FirstOrDefault() ?? listen[0];
            await Console.Error.WriteLineAsync($"nin-search: dashboard on {address} (API {address}/api/v1, reference {address}/scalar); Ctrl+C or SIGTERM stops it");
            if (!app.Services.GetRequiredService<ApiToken>().IsConfigured)
                await Console.Error.WriteLineAsync("nin-search: no API token configured: reads only, every change is refused (--api-token-file FILE or NinSearch__Api__Token)");
            await app.WaitForShutdownAsync(ct);
            return ServiceRun.Stopped;
        }));
        return command;
    }
}
