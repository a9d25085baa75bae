using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NinSearch.Abstractions;
using NinSearch.Silo.Tests.Infrastructure;
using NinSearch.Spec;
using NinSearch.Store;
using NinSearch.Store.ReadModel;
using NinSearch.Worker;
using NinSearch.Worker.Runners;

namespace NinSearch.Silo.Tests.Data;

/// <summary>
/// A campaign on an image folder of neither Fashion-MNIST's nor CIFAR's shape (3×20×20 RGB, 3 classes), named by a
/// <c>data://</c> path under the worker's data root: the silo sizes its trials for a shape it cannot know, the worker
/// builds each network for the images it loads, and the export has the images' input and class count.
/// </summary>
[Collection(WorkerClusterCollection.Name)]
public sealed class ImageFolderCampaignTests(WorkerClusterFixture fixture) : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("ninsearch-dataroot-").FullName;

    [Fact]
    public async Task An_rgb_image_folder_of_any_shape_trains_end_to_end_and_exports_its_shape()
    {
        WriteRgbFolder(Path.Combine(root, "shapes"), size: 20, classes: ["circle", "square", "triangle"], perClass: 6);
        var id = Campaigns.NewId("image-folder");
        var campaign = fixture.Client.GetGrain<ICampaignGrain>(id);
        await campaign.StartAsync(new CampaignDefinition("rgb", "image_folder", JsonSerializer.Serialize(new { epochs = 2 }),
            new CampaignBudget(1), ResourceRequest.OneCpu) { DatasetPath = "data://shapes", TrainSubset = 8, ValidationSubset = 1 });
        using var runner = new TorchTrialRunner();
        var worker = Worker("w-image-folder", runner);

        await worker.StartAsync(CancellationToken.None);
        for (var i = 0; i < 600 && !(await campaign.GetSnapshotAsync()).IsTerminal; i++) await Task.Delay(100);
        await worker.StopAsync(CancellationToken.None);

        var trials = await fixture.Store.GetTrialsAsync(id);
        var trial = Assert.Single(trials);
        Assert.True(trial.Status == TrialStatus.Complete, $"trial ended {trial.Status}: {trial.Reason}");
        // The worker timed the finished network on its device.
        Assert.True(trial is { LatencyMs: > 0, InferenceImagesPerSecond: > 0 }, $"latency {trial.LatencyMs}, throughput {trial.InferenceImagesPerSecond}");
        await using var services = new ServiceCollection().AddSearchStore(o =>
        {
            o.Provider = StoreProvider.Postgres;
            o.ConnectionString = fixture.ConnectionString;
        }).BuildServiceProvider();
        var export = await services.GetRequiredService<ICampaignReadModel>().GetExportAsync(id, null);
        Assert.NotNull(export);
        var spec = export.ToBundle().Files.Single(f => f.Name == "spec.json");
        using var json = JsonDocument.Parse(spec.Content);
        var architecture = json.RootElement.TryGetProperty("architecture", out var a) ? a : json.RootElement;
        var input = architecture.GetProperty("input");
        Assert.Equal((3, 20, 20), (input.GetProperty("channels").GetInt32(), input.GetProperty("height").GetInt32(), input.GetProperty("width").GetInt32()));
        Assert.Equal(3, architecture.GetProperty("classes").GetInt32());
        // The campaign's subset reached the worker, which has none of its own (it used to be a local-run flag only).
        using var trialJson = JsonDocument.Parse(export.ToBundle().Files.Single(f => f.Name == "trial.json").Content);
        Assert.Equal(8, trialJson.RootElement.GetProperty("train_subset").GetInt32());
    }

    [Fact]
    public async Task A_network_slower_than_the_latency_limit_is_rejected_by_the_worker_before_training()
    {
        WriteRgbFolder(Path.Combine(root, "slow"), size: 20, classes: ["a", "b"], perClass: 4);
        var id = Campaigns.NewId("latency-limit");
        var campaign = fixture.Client.GetGrain<ICampaignGrain>(id);
        // No network runs a forward pass in a nanosecond: every trial is rejected, none trains.
        await campaign.StartAsync(new CampaignDefinition("too slow", "image_folder", JsonSerializer.Serialize(new { epochs = 2, max_latency_ms = 1e-6 }),
            new CampaignBudget(3), ResourceRequest.OneCpu) { DatasetPath = "data://slow", TrainSubset = 4, ValidationSubset = 1 });
        using var runner = new TorchTrialRunner();
        var worker = Worker("w-latency-limit", runner);

        await worker.StartAsync(CancellationToken.None);
        var rejected = new List<NinSearch.Store.Entities.Trial>();
        for (var i = 0; i < 600 && rejected.Count < 2; i++)
        {
            await Task.Delay(100);
            rejected = [.. (await fixture.Store.GetTrialsAsync(id)).Where(t => t.Status == TrialStatus.Rejected)];
        }
        await campaign.CancelAsync("test over");
        await worker.StopAsync(CancellationToken.None);

        var all = await fixture.Store.GetTrialsAsync(id);
        Assert.True(rejected.Count >= 2, $"no two trials were rejected for their latency within a minute: {string.Join("; ", all.Select(t => $"#{t.Number} {t.Status} {t.Reason}"))}");
        foreach (var trial in rejected)
        {
            Assert.Contains("exceeds max_latency_ms", trial.Reason);
            Assert.True(trial.LatencyMs > 1e-6, $"latency {trial.LatencyMs}");
            Assert.Null(trial.LastEpoch);
        }
        // Rejections do not spend the trial budget: the campaign went on sampling past its first rejected trial.
        Assert.Equal(0, (await campaign.GetSnapshotAsync()).TrialsCompleted);
    }

    /// <summary>A real worker on this machine's CPU that trains with <paramref name="runner"/> under the data root.</summary>
    private WorkerService Worker(string id, TorchTrialRunner runner) => new(fixture.Client, runner, Options.Create(new WorkerOptions
    {
        WorkerId = id,
        Device = WorkerDevice.Cpu,
        Threads = 1,
        Runner = TrialRunnerKind.Torch,
        DataRoot = root,
        PollInterval = TimeSpan.FromMilliseconds(50),
        HeartbeatInterval = TimeSpan.FromMilliseconds(500),
    }), NullLogger<WorkerService>.Instance);

    [Fact]
    public async Task Images_of_another_shape_than_the_campaign_declares_are_the_workers_problem_with_both_shapes()
    {
        WriteRgbFolder(Path.Combine(root, "small"), size: 12, classes: ["a", "b"], perClass: 4);
        var config = new TrialConfig(Presets.Small, TrainingRecipe.Default with { Epochs = 1 });
        var lease = new TrialLease(Guid.NewGuid(), "c", Guid.NewGuid(), 1, SpecJson.Serialize(config), "image_folder",
            ResourceRequest.OneCpu, DateTimeOffset.UtcNow.AddMinutes(1), null) { DatasetPath = "small", DatasetShape = new DatasetShape(3, 20, 20, 2) };
        using var runner = new TorchTrialRunner();
        var options = new WorkerOptions { Device = WorkerDevice.Cpu, Threads = 1, DataRoot = root };

        var error = await Assert.ThrowsAsync<DatasetUnavailableException>(() =>
            runner.RunAsync(new TrialRun(lease, config, null, options), new NoEpochs(), CancellationToken.None));
        Assert.Contains("3×20×20 with 2 classes", error.Reason);
        Assert.Contains("3×12×12 with 2 classes", error.Reason);
    }

    /// <summary>Binary PPM (P6) images whose colour follows the class, split into train/ and test/.</summary>
    internal static void WriteRgbFolder(string folder, int size, string[] classes, int perClass)
    {
        foreach (var split in new[] { "train", "test" })
        for (var label = 0; label < classes.Length; label++)
        {
            var dir = Path.Combine(folder, split, classes[label]);
            Directory.CreateDirectory(dir);
            for (var i = 0; i < perClass; i++)
            {
                var header = Encoding.ASCII.GetBytes($"P6\n{size} {size}\n255\n");
                var pixels = new byte[size * size * 3];
                for (var p = 0; p < size * size; p++) pixels[p * 3 + label % 3] = (byte)(120 + 10 * i);
                File.WriteAllBytes(Path.Combine(dir, $"{i}.ppm"), [.. header, .. pixels]);
            }
        }
    }

    private sealed class NoEpochs : IEpochSink
    {
        public Task<EpochDecision> OnEpochAsync(EpochMetrics metrics, Func<byte[]> checkpoint, CancellationToken cancellationToken) =>
            Task.FromResult(EpochDecision.Continue);
    }

    public void Dispose() => Directory.Delete(root, recursive: true);
}
