using System.Collections.Concurrent;
using NinSearch.Abstractions;
using NinSearch.Model.Data;
using NinSearch.Model.Training;
using NinSearch.Spec;
using ModelEpochMetrics = NinSearch.Model.Training.EpochMetrics;

namespace NinSearch.Worker.Runners;

/// <summary>
/// Trains a trial with Search.Model on the worker's device: resumes from the lease's checkpoint, reports every epoch
/// (the campaign's Stop ends training); when the trial completes or is stopped, restores the weights of its best
/// validation epoch, evaluates the test set and exports them with the data's preprocessing.
/// Divergence (NaN) and libtorch errors (out of memory) end the trial as failed with the trainer's reason. Datasets
/// are loaded once per dataset and device and shared by the trials of this worker. The trial trains on the GPU of its
/// <see cref="TrialRun.Placement"/> (trials packed onto one device share it); unplaced, each gets its own <c>cuda:N</c>.
/// </summary>
public sealed class TorchTrialRunner : ITrialRunner, IDisposable
{
    private readonly ConcurrentDictionary<(DatasetKind Kind, string? Path, string Device, (int? Train, int? Validation) Subsets), Lazy<DataSplits>> _data = new();
    private readonly ConcurrentQueue<int> _freeGpus = new();
    private readonly Lock _gpuGate = new();
    private bool _gpusCounted;

    public async Task<TrialResult> RunAsync(TrialRun run, IEpochSink sink, CancellationToken cancellationToken)
    {
        // The worker's packer placed the trial (several may share a device); a caller that did not gets a GPU of its own.
        var placed = run.Placement?.PrimaryGpu;
        var gpu = placed ?? (run.Placement is null && run.Lease.Resources.Gpus > 0 ? TakeGpu(run.Options) : (int?)null);
        try
        {
            // Fake devices (--device cpu --gpus N) count trials as GPUs do but train on the CPU.
            var device = run.Options.Device == WorkerDevice.Cpu ? "cpu"
                : gpu is { } index ? $"cuda:{index}" : run.Options.Device == WorkerDevice.Cuda ? "cuda" : "cpu";
            var data = Data(run.Lease, run.Options, device);
            var (config, unfit) = ForData(run.Config, data);
            if (config is null)
                return new TrialResult(TrialStatus.Failed, 0, null, $"the architecture does not fit the dataset's {data.Shape} images: {unfit}");
            using var session = new TrainingSession(config, data, new TrainerOptions { Device = device, Threads = run.Options.Threads });
            if (run.ResumeCheckpoint is { } checkpoint) session.RestoreCheckpoint(checkpoint);
            else if (run.Lease.MaxLatencyMs is { } maxLatency
                && await TooSlowAsync(session, maxLatency, cancellationToken) is { } rejected) return rejected;

            var leaseLost = false;
            var outcome = await session.RunAsync(async (metrics, ct) =>
            {
                var decision = await sink.OnEpochAsync(ToWire(metrics), session.SaveCheckpoint, ct);
                leaseLost |= decision == EpochDecision.LeaseLost;
                return decision.KeepsTraining();
            }, cancellationToken);

            if (leaseLost || outcome.Status == TrainingStatus.Cancelled) throw new OperationCanceledException(outcome.Reason);
            if (outcome.Status is TrainingStatus.Diverged or TrainingStatus.Failed)
                return new TrialResult(TrialStatus.Failed, outcome.EpochsRun, null, $"{outcome.Status}: {outcome.Reason}");
            // Stopped trials are evaluated and exported too (one test-set pass): every trial on the leaderboard then
            // has a comparable test accuracy, and a campaign whose hard budget stopped its best trial can still export it.
            // The trial is ranked by its best validation epoch, so that epoch's weights are tested and exported
            // (the last epoch's when the best came before a resume; WeightsEpoch says which).
            var weightsEpoch = session.RestoreBestWeights();
            var test = await session.EvaluateAsync(data.Test, cancellationToken);
            byte[]? weights = null;
            if (run.Options.ExportWeights)
            {
                using var buffer = new MemoryStream();
                ModelWeights.Save(session.Model, buffer);
                weights = buffer.ToArray();
            }
            var preprocessing = weights is null ? null : data.Preprocessing.ToJson();
            var speed = await MeasureAsync(session, cancellationToken);
            return (outcome.Status == TrainingStatus.Stopped
                ? new TrialResult(TrialStatus.Pruned, outcome.EpochsRun, test.Accuracy, outcome.Reason ?? "stopped by the campaign", weights, preprocessing, weightsEpoch)
                : new TrialResult(TrialStatus.Complete, outcome.EpochsRun, test.Accuracy, null, weights, preprocessing, weightsEpoch))
                with { LatencyMs = speed?.LatencyMs, InferenceImagesPerSecond = speed?.ImagesPerSecond };
        }
        finally
        {
            if (placed is null && gpu is { } index) _freeGpus.Enqueue(index);
        }
    }

    /// <summary>
    /// Times the untrained network against the campaign's latency limit: a network's speed depends on its shapes, not
    /// its weights, so one too slow is refused before any epoch is spent on it. Null when it is fast enough.
    /// </summary>
    private static async Task<TrialResult?> TooSlowAsync(TrainingSession session, double maxLatencyMs, CancellationToken cancellationToken)
    {
        var speed = await MeasureAsync(session, cancellationToken);
        if (speed is null || speed.LatencyMs <= maxLatencyMs) return null;
        return new TrialResult(TrialStatus.Rejected, 0, null,
            $"latency {speed.LatencyMs:0.###} ms per image at batch 1 on {speed.Device} exceeds max_latency_ms {maxLatencyMs:0.###}")
        {
            LatencyMs = speed.LatencyMs,
            InferenceImagesPerSecond = speed.ImagesPerSecond,
        };
    }

    /// <summary>The trial's inference speed; null when timing failed (a measurement never fails a trained trial).</summary>
    private static async Task<InferenceSpeed?> MeasureAsync(TrainingSession session, CancellationToken cancellationToken)
    {
        try
        {
            return await session.MeasureInferenceAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return null;
        }
    }

    private static NinSearch.Abstractions.EpochMetrics ToWire(ModelEpochMetrics m) =>
        new(m.Epoch, m.TrainLoss, m.TrainAccuracy, m.ValidationLoss, m.ValidationAccuracy, m.Seconds, m.LearningRate, m.ImagesPerSecond);

    /// <summary>
    /// The dataset, loaded once per dataset, folder and device (<see cref="DatasetLocation"/> says which folder). A load
    /// that fails is not kept (the files may be fixed) and throws <see cref="DatasetUnavailableException"/>: the
    /// worker's problem, not the trial's; so do images of another shape than the campaign declares.
    /// </summary>
    private DataSplits Data(TrialLease lease, WorkerOptions options, string device)
    {
        var dataset = lease.Dataset;
        DatasetKind kind;
        string? path;
        try
        {
            kind = ParseDataset(dataset);
            path = DatasetLocation.Resolve(dataset, lease.DatasetPath, options);
        }
        catch (ArgumentException e) { throw new DatasetUnavailableException(dataset, e.Message, e); }
        // The campaign's subsets travel with its leases (a worker's own --train-subset serves local runs that set none).
        var subsets = (Train: lease.TrainSubset ?? options.TrainSubset, Validation: lease.ValidationSubset);
        var key = (kind, path, device, subsets);
        var lazy = _data.GetOrAdd(key, _ => new Lazy<DataSplits>(() => DatasetLoader.Load(
            new DatasetOptions { Kind = kind, Path = path, TrainSubset = subsets.Train, ValidationSubset = subsets.Validation }, device)));
        DataSplits data;
        try
        {
            data = lazy.Value;
        }
        catch (Exception e) when (e is DataFormatException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            _data.TryRemove(new KeyValuePair<(DatasetKind, string?, string, (int?, int?)), Lazy<DataSplits>>(key, lazy));
            throw new DatasetUnavailableException(dataset, e.Message, e);
        }
        if (lease.DatasetShape is { } expected && DatasetShape.Of(data.Shape, data.Classes) != expected)
            throw new DatasetUnavailableException(dataset, $"the campaign's trials are built for {expected}, the images in {data.Source} are {DatasetShape.Of(data.Shape, data.Classes)}");
        return data;
    }

    /// <summary>
    /// The trial's config with its network built for <paramref name="data"/>'s images and classes: the silo sizes an
    /// image folder of undeclared shape as 1×28×28 with 10 classes, and only the images say what they are. A null
    /// config, with the spec's errors, when the architecture cannot take them (pooling too deep for small images).
    /// </summary>
    internal static (TrialConfig? Config, string? Error) ForData(TrialConfig config, DataSplits data)
    {
        var spec = config.Architecture;
        if (spec.Input == data.Shape && spec.Classes == data.Classes) return (config, null);
        var fitted = spec with { Input = data.Shape, Classes = data.Classes };
        var errors = SpecValidator.Validate(fitted);
        return errors.Count > 0
            ? (null, string.Join("; ", errors.Select(e => e.ToString())))
            : (config with { Architecture = fitted }, null);
    }

    /// <summary>Maps a campaign's dataset name (<c>fashion-mnist</c>, <c>cifar10</c>, ...) to the loader's kind.</summary>
    public static DatasetKind ParseDataset(string dataset)
    {
        var key = dataset.Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal);
        return Enum.TryParse<DatasetKind>(key, ignoreCase: true, out var kind) && Enum.IsDefined(kind)
            ? kind
            : throw new ArgumentException($"unknown dataset '{dataset}'; use one of {string.Join(", ", Enum.GetNames<DatasetKind>())}");
    }

    private int TakeGpu(WorkerOptions options)
    {
        lock (_gpuGate)
        {
            if (!_gpusCounted)
            {
                var count = options.Gpus ?? TorchSharp.torch.cuda.device_count();
                for (var i = 0; i < count; i++) _freeGpus.Enqueue(i);
                _gpusCounted = true;
            }
        }
        // The dispatcher only leases what fits, so a GPU is free; 0 is a safe fallback if counts disagree.
        return _freeGpus.TryDequeue(out var index) ? index : 0;
    }

    public void Dispose()
    {
        foreach (var data in _data.Values.Where(d => d.IsValueCreated)) data.Value.Dispose();
    }
}
