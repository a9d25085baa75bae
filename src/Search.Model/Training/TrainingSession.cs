using System.Diagnostics;
using NinSearch.Model.Building;
using NinSearch.Model.Data;
using NinSearch.Model.Devices;
using NinSearch.Spec;
using TorchSharp;
using static TorchSharp.torch;

namespace NinSearch.Model.Training;

/// <summary>
/// Trains one trial: the network of <see cref="TrialConfig.Architecture"/> under <see cref="TrialConfig.Training"/>
/// on data already loaded onto the training device. Owns the model and optimizer; dispose it when done.
/// </summary>
/// <remarks>
/// <para>Thread use: libtorch work runs on one dedicated thread per call of <c>RunAsync</c> or
/// <see cref="EvaluateAsync"/>; the calls must not overlap. The epoch callback runs on that thread, between epochs,
/// so it may call <see cref="SaveCheckpoint(Stream)"/>.</para>
/// <para>Repeatability: weights come from the recipe's seed, and every epoch reseeds shuffling, augmentation and
/// dropout from (seed, epoch). A checkpoint taken between epochs therefore holds all the RNG state a resume needs,
/// and a resumed run ends exactly where an uninterrupted one does (same device and thread count). Nothing in
/// training draws from libtorch's process-wide generator (dropout has its own, see <see cref="SeededDropout"/>), so
/// sessions packed into one process train exactly as each would alone.</para>
/// </remarks>
/// <example>
/// <code>
/// using var data = DatasetLoader.Load(new DatasetOptions(), ComputeDevice.Resolve("auto"));
/// using var session = new TrainingSession(new TrialConfig(Presets.Small, TrainingRecipe.Default), data);
/// var outcome = await session.RunAsync((m, ct) => ValueTask.FromResult(true), ct);
/// var test = await session.EvaluateAsync(data.Test, ct);
/// </code>
/// </example>
public sealed partial class TrainingSession : IDisposable
{
    private readonly TrialConfig config;
    private readonly DataSplits data;
    private readonly TrainerOptions options;
    private readonly TrainStep step;
    private readonly BatchSource trainBatches;
    private readonly BatchSource validationBatches;
    private readonly Generator generator;
    private readonly Generator dropoutGenerator;
    private readonly LearningRateSchedule schedule;
    private readonly List<EpochMetrics> history = [];
    private int busy;

    /// <summary>
    /// Builds the model and optimizer. Throws <see cref="ArgumentException"/> when the data does not fit the
    /// architecture (input shape, class count) or is not on the chosen device, and <see cref="SpecException"/> for an
    /// invalid spec.
    /// </summary>
    public TrainingSession(TrialConfig config, DataSplits data, TrainerOptions? options = null)
    {
        this.config = config;
        this.data = data;
        this.options = options ?? new TrainerOptions();
        this.options.Validate();
        var spec = config.Architecture;
        var recipe = config.Training;
        SpecValidator.EnsureValid(spec);
        if (spec.Input != data.Shape)
            throw new ArgumentException($"architecture input {spec.Input} does not match the data's {data.Shape}");
        if (spec.Classes != data.Classes)
            throw new ArgumentException($"architecture has {spec.Classes} classes, the data {data.Classes}");
        if (recipe.BatchSize < 1 || recipe.Epochs < 1 || !(recipe.LearningRate > 0))
            throw new ArgumentException("recipe needs batch size ≥ 1, epochs ≥ 1 and a positive learning rate");
        TorchThreads.Configure(this.options.Threads);
        Device = ComputeDevice.Resolve(this.options.Device);
        if (Device.type != data.Device.type || (Device.type == DeviceType.CUDA && Device.index != data.Device.index))
            throw new ArgumentException($"the data is on {data.Device}, training is set to run on {Device}; load the data with the same device");

        Model = NinModelBuilder.Build(spec, recipe.Init, recipe.Seed);
        try
        {
            Model.to(Device);
            if (this.options.ChannelsLast ?? Device.type == DeviceType.CPU) Building.ChannelsLast.Apply(Model);
            step = new TrainStep(Model, recipe);
            trainBatches = new BatchSource(data.Train, data.Normalization, recipe.Augmentation, recipe.BatchSize);
            validationBatches = new BatchSource(data.Validation, data.Normalization, null, this.options.EvaluationBatchSize);
            generator = new Generator((ulong)recipe.Seed, Device);
            dropoutGenerator = new Generator((ulong)recipe.Seed, Device);
            foreach (var dropout in Model.modules().OfType<SeededDropout>()) dropout.UseGenerator(dropoutGenerator);
        }
        catch
        {
            Model.Dispose();
            throw;
        }
        StepsPerEpoch = trainBatches.BatchCount(dropLast: true);
        schedule = new LearningRateSchedule(recipe, StepsPerEpoch);
    }

    /// <summary>The network being trained (owned by the session).</summary>
    public NinModel Model { get; }

    public TrialConfig Config => config;

    public Device Device { get; }

    public int StepsPerEpoch { get; }

    /// <summary>Epochs finished so far (including those restored from a checkpoint).</summary>
    public int EpochsDone { get; private set; }

    /// <summary>Optimizer steps taken so far over the whole run.</summary>
    public long GlobalStep { get; private set; }

    public IReadOnlyList<EpochMetrics> History => history;

    /// <summary>The epochs this run trains to: <see cref="TrainerOptions.Epochs"/> or the recipe's.</summary>
    public int TargetEpochs => options.Epochs ?? config.Training.Epochs;

    /// <summary>
    /// Trains from <see cref="EpochsDone"/> + 1 to <see cref="TargetEpochs"/>. After each epoch
    /// <paramref name="onEpoch"/> gets its metrics and returns whether to go on (false ends the run as
    /// <see cref="TrainingStatus.Stopped"/>). Never throws for training problems: divergence, cancellation and libtorch
    /// errors come back as the outcome's status and reason.
    /// </summary>
    public Task<TrainingOutcome> RunAsync(Func<EpochMetrics, CancellationToken, ValueTask<bool>>? onEpoch, CancellationToken cancellationToken = default) =>
        RunAsync(onEpoch, null, cancellationToken);

    /// <summary>
    /// <see cref="RunAsync(Func{EpochMetrics, CancellationToken, ValueTask{bool}}?, CancellationToken)"/>, also reporting
    /// progress inside epochs to <paramref name="progress"/> every <see cref="ProgressSteps"/> steps and at each
    /// epoch's last step (from the training thread; reading it must be cheap).
    /// </summary>
    public Task<TrainingOutcome> RunAsync(Func<EpochMetrics, CancellationToken, ValueTask<bool>>? onEpoch, IProgress<StepProgress>? progress,
        CancellationToken cancellationToken = default) =>
        OnTrainingThread(() => Run(onEpoch, progress, cancellationToken));

    /// <summary>Steps between progress reports; default 10.</summary>
    public int ProgressSteps { get; init; } = 10;

    /// <summary>Loss and accuracy of the model on <paramref name="set"/> (e.g. <see cref="DataSplits.Test"/>, for final
    /// reports only), in evaluation mode, without augmentation.</summary>
    public Task<EvaluationResult> EvaluateAsync(LabeledImages set, CancellationToken cancellationToken = default) =>
        OnTrainingThread(() =>
        {
            using var source = new BatchSource(set, data.Normalization, null, options.EvaluationBatchSize);
            return Evaluate(source, cancellationToken);
        });

    /// <summary>
    /// How fast the model infers on the training device (<see cref="InferenceTiming"/>): batch-1 latency and batch
    /// throughput. On the training thread, like the other calls, so it never overlaps a training step.
    /// </summary>
    public Task<InferenceSpeed> MeasureInferenceAsync(CancellationToken cancellationToken = default) =>
        OnTrainingThread(() => InferenceTiming.Measure(Model, config.Architecture.Input, Device, cancellationToken));

    private Task<T> OnTrainingThread<T>(Func<T> work)
    {
        if (Interlocked.Exchange(ref busy, 1) == 1)
            throw new InvalidOperationException("the session is already running; RunAsync and EvaluateAsync must not overlap");
        return Task.Factory.StartNew(() =>
        {
            try { return work(); }
            finally { Volatile.Write(ref busy, 0); }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    private TrainingOutcome Run(Func<EpochMetrics, CancellationToken, ValueTask<bool>>? onEpoch, IProgress<StepProgress>? progress, CancellationToken ct)
    {
        var augment = config.Training.Augmentation is { CropPadding: > 0 } or { HorizontalFlip: true };
        using var totals = new StepTotals(Device);
        try
        {
            for (var epoch = EpochsDone + 1; epoch <= TargetEpochs; epoch++)
            {
                if (ct.IsCancellationRequested) return Outcome(TrainingStatus.Cancelled, $"cancelled before epoch {epoch}");
                SeedEpoch(epoch);
                var clock = Stopwatch.StartNew();
                Model.train();
                totals.Reset();
                using (var order = trainBatches.Shuffle(generator))
                {
                    for (var b = 0; b < StepsPerEpoch; b++)
                    {
                        if (ct.IsCancellationRequested) return Outcome(TrainingStatus.Cancelled, $"cancelled during epoch {epoch}");
                        step.SetLearningRate(schedule.At(GlobalStep));
                        using (NewDisposeScope())
                        {
                            var (x, y) = trainBatches.Batch(order, b, augment ? generator : null);
                            step.Run(x, y, totals);
                        }
                        GlobalStep++;
                        if (progress is not null && ((b + 1) % ProgressSteps == 0 || b + 1 == StepsPerEpoch))
                            progress.Report(new StepProgress(epoch, b + 1, StepsPerEpoch, TargetEpochs));
                        if ((b + 1) % options.DivergenceCheckSteps == 0 && !double.IsFinite(totals.LossSum))
                            return Outcome(TrainingStatus.Diverged, $"loss became {totals.LossSum} at epoch {epoch}, step {b + 1}");
                    }
                }
                var (trainLoss, trainAccuracy) = totals.Read();
                if (!double.IsFinite(trainLoss))
                    return Outcome(TrainingStatus.Diverged, $"loss became {trainLoss} in epoch {epoch}");
                var trainSeconds = clock.Elapsed.TotalSeconds;
                var validation = Evaluate(validationBatches, ct);
                var metrics = new EpochMetrics(epoch, TargetEpochs, trainLoss, trainAccuracy, validation.Loss, validation.Accuracy,
                    schedule.At(GlobalStep - 1), clock.Elapsed.TotalSeconds, totals.Samples / trainSeconds);
                history.Add(metrics);
                EpochsDone = epoch;
                RememberIfBest(metrics);
                if (onEpoch is not null && !onEpoch(metrics, ct).AsTask().GetAwaiter().GetResult())
                    return Outcome(TrainingStatus.Stopped, $"stopped by the epoch callback after epoch {epoch}");
                if (options.StopAtChanceAfterEpochs > 0 && epoch >= options.StopAtChanceAfterEpochs && AtChance(BestAccuracy()))
                    return Outcome(TrainingStatus.Stopped, $"validation accuracy still at chance after {epoch} epochs");
            }
            return Outcome(TrainingStatus.Completed, null);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return Outcome(TrainingStatus.Cancelled, "cancelled");
        }
        catch (Exception e) when (e is not (OutOfMemoryException or StackOverflowException))
        {
            return Outcome(TrainingStatus.Failed, $"{e.GetType().Name}: {e.Message}");
        }
    }

    private EvaluationResult Evaluate(BatchSource source, CancellationToken ct) => ModelEvaluation.Evaluate(Model, source, Device, ct);

    private void SeedEpoch(int epoch)
    {
        var seed = EpochSeed(config.Training.Seed, epoch);
        generator.manual_seed(seed);
        dropoutGenerator.manual_seed(seed ^ 0x5DEECE66DL);
    }

    // SplitMix64 of (seed, epoch): unrelated streams for neighbouring epochs and seeds.
    private static long EpochSeed(long seed, int epoch)
    {
        var z = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL + (ulong)epoch * 0xBF58476D1CE4E5B9UL + 0x94D049BB133111EBUL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return (long)((z ^ (z >> 31)) & 0x7FFFFFFFFFFFFFFFUL);
    }

    private double BestAccuracy() => history.Count == 0 ? double.NaN : history.Max(h => h.ValidationAccuracy);

    private bool AtChance(double accuracy)
    {
        var chance = 1.0 / data.Classes;
        return double.IsNaN(accuracy) || accuracy < chance + Math.Min(0.05, chance / 2);
    }

    private TrainingOutcome Outcome(TrainingStatus status, string? reason)
    {
        var best = BestAccuracy();
        var bestEpoch = history.Count == 0 ? 0 : history.MaxBy(h => h.ValidationAccuracy)!.Epoch;
        return new TrainingOutcome(status, reason, EpochsDone, best, bestEpoch, history.Count > 0 && AtChance(best), [.. history]);
    }

    public void Dispose()
    {
        DisposeBestWeights();
        generator.Dispose();
        dropoutGenerator.Dispose();
        validationBatches.Dispose();
        trainBatches.Dispose();
        step.Dispose();
        Model.Dispose();
    }
}
