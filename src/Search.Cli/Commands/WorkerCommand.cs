using System.CommandLine;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NinSearch.Cli.Hosting;
using NinSearch.Abstractions;
using NinSearch.Worker;

namespace NinSearch.Cli.Commands;

/// <summary><c>nin-search worker</c>: leases trials from the cluster, trains them and reports, until SIGTERM or Ctrl+C, which hand its running trials back first.</summary>
internal static class WorkerCommand
{
    public static Command Create()
    {
        var command = new Command("worker", "run a worker: lease trials, train them, report every epoch, heartbeat");
        var map = new ConfigOverrides();
        const string s = WorkerOptions.Section;
        map.Add<string?>(command, "--id", $"{s}:WorkerId", "worker id (default: host name and process id)");
        map.Add<WorkerDevice?>(command, "--device", $"{s}:Device", "auto, cpu or cuda");
        map.Add<int?>(command, "--threads", $"{s}:Threads", "CPU threads in total (0: all cores)");
        map.Add<int?>(command, "--max-trials", $"{s}:MaxConcurrentTrials", "trial slots: trials at once, when resources allow (trials asking for a share of a GPU pack onto one device)");
        map.Add<int?>(command, "--gpus", $"{s}:Gpus", "GPUs offered (default: all libtorch sees); with --device cpu, that many fake devices for packing tests");
        map.Add<long?>(command, "--gpu-memory-bytes", $"{s}:GpuMemoryBytes", "memory per GPU offered to trials (default 0: only trials asking for none fit)");
        map.Add<string?>(command, "--data", $"{s}:DataPath", "dataset folder of campaigns that name none");
        map.Add<string?>(command, "--data-root", $"{s}:DataRoot", "folder that campaigns' relative and data:// dataset paths resolve under");
        map.Add<int?>(command, "--train-subset", $"{s}:TrainSubset", "train on only this many images");
        map.Add<int?>(command, "--checkpoint-every", $"{s}:CheckpointEveryEpochs", "checkpoint every N epochs");
        map.Add<TrialRunnerKind?>(command, "--runner", $"{s}:Runner", "torch (train for real) or no_op (coordination benchmarks)");
        map.Add<ClusteringMode?>(command, "--clustering", $"{s}:Clustering", "localhost or postgres");
        map.Add<string?>(command, "--cluster-connection", $"{s}:ConnectionString", "PostgreSQL connection string for clustering");
        map.Add<int[]?>(command, "--gateway-port", $"{s}:GatewayPorts", "localhost clustering: silo gateway ports");
        map.Add<int?>(command, "--metrics-port", $"{s}:MetricsPort", "port of /metrics, /healthz and /readyz (default: none)");
        map.Add<string?>(command, "--metrics-host", $"{s}:MetricsHost", "where that endpoint listens: *, localhost or an IP (default *: every interface)");
        var verbose = new Option<bool>("--verbose") { Description = "log at information level" };
        command.Add(verbose);
        command.SetAction((result, ct) => CliAction.RunAsync(async () =>
        {
            using var host = ServiceHosts.BuildWorker(map.From(result), result.GetValue(verbose) ? LogLevel.Information : LogLevel.Warning);
            // The start waits until a silo's gateway answers.
            if (!await ServiceRun.StartAsync(host, "worker", ct)) return ServiceRun.Stopped;
            await Console.Error.WriteLineAsync("nin-search: worker connected to the cluster; Ctrl+C or SIGTERM hands back its trials and stops it");
            await host.WaitForShutdownAsync(ct);
            return ServiceRun.Stopped;
        }));
        return command;
    }
}
