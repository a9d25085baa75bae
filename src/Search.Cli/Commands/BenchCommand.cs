using System.CommandLine;
using System.Text.Json;
using NinSearch.Cli.Benchmarks;
using NinSearch.Core.Simulation;
using NinSearch.Spec;
using NinSearch.Store;
using NinSearch.Model.Benchmarks;
using Spectre.Console;

namespace NinSearch.Cli.Commands;

/// <summary><c>nin-search bench</c>: training throughput and search-strategy benchmarks (results go to bench/RESULTS.md).</summary>
internal static class BenchCommand
{
    public static Command Create() => new("bench", "benchmarks: training throughput, search strategies")
    {
        TrainBench(),
        PackBench(),
        SearchBench(),
        ClusterBench(),
    };

    private static Command ClusterBench()
    {
        var workers = new Option<int>("--workers") { Description = "simulated workers", DefaultValueFactory = _ => 10 };
        var trials = new Option<int>("--trials") { Description = "trial lifecycles (lease, 3 reports, complete)", DefaultValueFactory = _ => 1000 };
        var store = new Option<StoreProvider>("--store") { Description = "postgres (starts a local server unless --store-connection) or sqlite", DefaultValueFactory = _ => StoreProvider.Postgres };
        var connection = new Option<string?>("--store-connection") { Description = "store connection string" };
        var rate = new Option<double?>("--rate") { Description = "open loop: offer this many lifecycles per second in total, spread evenly over the workers (default: closed loop, each worker starts its next lifecycle at once)" };
        var warmup = new Option<int>("--warmup") { Description = "lifecycles run first on a separate, unmeasured campaign, so JIT tiering and connection set-up are not measured (default 0: a cold silo)" };
        var sampler = new Option<string?>("--sampler") { Description = "search with this sampler (random, tpe, evolution, grid) over the default space, the real coordination path (default: a fixed preset, no search)" };
        var scheduler = new Option<string>("--scheduler") { Description = "with --sampler: the scheduler (fifo, asha, hyperband, ...); stopped trials end early", DefaultValueFactory = _ => "fifo" };
        var json = new Option<bool>("--json") { Description = "print one JSON object" };
        var command = new Command("cluster", "coordination overhead with a no-op trainer: trial lifecycles per second, lease and report latency") { workers, trials, store, connection, rate, warmup, sampler, scheduler, json };
        command.SetAction((result, ct) => CliAction.RunAsync(async () =>
        {
            var r = await ClusterBenchmark.RunAsync(new ClusterBenchmarkOptions(result.GetValue(workers), result.GetValue(trials), result.GetValue(store), result.GetValue(connection), result.GetValue(rate), result.GetValue(warmup), result.GetValue(sampler), result.GetValue(scheduler)!), ct);
            Console.WriteLine(JsonSerializer.Serialize(r, SpecJson.Compact));
            return 0;
        }));
        return command;
    }

    private static Command TrainBench()
    {
        var architecture = new ArchitectureOptions();
        var batch = new Option<int>("--batch") { Description = "batch size", DefaultValueFactory = _ => 128 };
        var steps = new Option<int>("--steps") { Description = "timed training steps", DefaultValueFactory = _ => 50 };
        var warmup = new Option<int>("--warmup") { Description = "untimed steps first", DefaultValueFactory = _ => 5 };
        var threads = new Option<int>("--threads") { Description = "libtorch intra-op threads (0: libtorch's default)" };
        var device = new Option<string>("--device") { Description = "auto, cpu, cuda or cuda:N", DefaultValueFactory = _ => "auto" };
        var command = new Command("train", "training throughput of one architecture: one JSON object with images_per_s");
        architecture.AddTo(command);
        foreach (var option in new Option[] { batch, steps, warmup, threads, device }) command.Add(option);
        command.SetAction(result => CliAction.Run(() =>
        {
            var r = TrainBenchmark.Run(architecture.Resolve(result), result.GetValue(batch), result.GetValue(steps), result.GetValue(threads), result.GetValue(device)!, result.GetValue(warmup));
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                architecture = r.Architecture, batch = r.Batch, steps = r.Steps, warmup_steps = r.WarmupSteps,
                threads = r.Threads, device = r.Device, seconds = r.Seconds, images_per_s = r.ImagesPerSecond,
            }));
            return 0;
        }));
        return command;
    }

    private static Command PackBench()
    {
        var preset = new Option<string>("--preset") { Description = $"a shipped architecture: {string.Join(", ", Presets.All.Keys)}", DefaultValueFactory = _ => Presets.Small.Name! };
        var trials = new Option<int>("--trials") { Description = "trials packed onto the device at once (each on its own thread, as a worker runs them)", DefaultValueFactory = _ => 4 };
        var batch = new Option<int>("--batch") { Description = "batch size of every trial", DefaultValueFactory = _ => 128 };
        var steps = new Option<int>("--steps") { Description = "timed training steps per trial", DefaultValueFactory = _ => 50 };
        var warmup = new Option<int>("--warmup") { Description = "untimed steps per trial first", DefaultValueFactory = _ => 5 };
        var threads = new Option<int>("--threads") { Description = "libtorch intra-op threads, shared by the trials (0: libtorch's default)" };
        var device = new Option<string>("--device") { Description = "auto, cpu, cuda or cuda:N", DefaultValueFactory = _ => "auto" };
        var rounds = new Option<int>("--rounds") { Description = "alternate alone and packed this many times and keep the medians (a loaded machine)", DefaultValueFactory = _ => 1 };
        var json = new Option<bool>("--json") { Description = "print one JSON object" };
        var command = new Command("pack", "trial packing: aggregate training images/s of K trials at once on one device against one trial alone")
        {
            preset, trials, batch, steps, warmup, threads, device, rounds, json,
        };
        foreach (var (option, least) in new[] { (trials, 1), (batch, 1), (steps, 1), (warmup, 0), (rounds, 1) })
            option.Validators.Add(r =>
            {
                if (r.GetValueOrDefault<int>() < least) r.AddError($"{option.Name} must be at least {least}");
            });
        command.SetAction(result => CliAction.Run(() =>
        {
            var r = PackBenchmark.Run(Presets.Get(result.GetValue(preset)!), result.GetValue(trials), result.GetValue(batch), result.GetValue(steps),
                result.GetValue(threads), result.GetValue(device)!, result.GetValue(warmup), result.GetValue(rounds));
            if (result.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(r, SpecJson.Compact));
                return 0;
            }
            Console.WriteLine($"{r.Architecture} on {r.Device}, batch {r.Batch}, {r.Steps} steps per trial, {r.Threads} intra-op thread(s), median of {r.Rounds} round(s):");
            Console.WriteLine($"  1 trial alone:      {r.AloneImagesPerSecond,12:N0} images/s");
            Console.WriteLine($"  {r.Trials} trial(s) packed: {r.PackedImagesPerSecond,12:N0} images/s in all ({r.Speedup:F2}x)");
            return 0;
        }));
        return command;
    }

    private static Command SearchBench()
    {
        var seeds = new Option<int>("--seeds") { Description = "independent repetitions (results are means)", DefaultValueFactory = _ => 10 };
        var workers = new Option<int>("--workers") { Description = "simulated workers pulling trials at once", DefaultValueFactory = _ => 8 };
        var replay = new Option<FileInfo?>("--replay") { Description = "replay the real learning curves in this file (nin-search campaign curves ID --out FILE) instead of the simulator" };
        var json = new Option<bool>("--json") { Description = "print one JSON object" };
        var command = new Command("search", "compare search strategies at equal compute on a learning-curve simulator or on recorded curves") { seeds, workers, replay, json };
        command.SetAction((result, ct) => CliAction.RunAsync(() =>
        {
            var problem = result.GetValue(replay) is { } file ? ReadReplay(file) : null;
            var report = SearchBenchmark.Run(new SearchBenchmarkOptions { Seeds = result.GetValue(seeds), Workers = result.GetValue(workers) }, ct, problem);
            if (result.GetValue(json))
            {
                Console.WriteLine(report.ToJson());
                return Task.FromResult(0);
            }
            var on = problem is null ? "simulator" : $"{problem.Count} recorded trials of {problem.MaxEpochs} epochs";
            var table = new Table { Title = new TableTitle($"{on}: {report.Seeds} seeds, {report.Workers} workers, {report.BaselineEpochs:N0} trial-epochs each; optimum {report.OptimumFinal:P2}") };
            table.AddColumn("strategy").AddColumn(new TableColumn("best final").RightAligned()).AddColumn(new TableColumn("trial-epochs to reach random+fifo").RightAligned());
            foreach (var s in report.Strategies)
                table.AddRow(s.Name, s.BestFinal.ToString("P2"), s.EpochsToReachBaseline is { } e ? $"{e:N0} ({e / report.BaselineEpochs:P0})" : "never");
            AnsiConsole.Write(table);
            foreach (var rung in report.RankCorrelations ?? [])
                AnsiConsole.WriteLine($"rung at epoch {rung.Epoch}: Spearman's rho with the final ranking {rung.Spearman:F3}");
            return Task.FromResult(0);
        }));
        return command;
    }

    /// <summary>The recorded curves of <paramref name="file"/>; a file that is not one is the user's error, in one line.</summary>
    private static RecordedProblem ReadReplay(FileInfo file)
    {
        try
        {
            using var reader = file.OpenText();
            return new RecordedProblem(CurvesFile.Read(reader));
        }
        catch (Exception e) when (e is FormatException or NinSearch.Core.Spaces.SearchSpaceException)
        {
            throw new InvalidDataException($"--replay {file.Name}: {e.Message}", e);
        }
    }
}
