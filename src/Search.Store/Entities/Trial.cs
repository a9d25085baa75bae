using NinSearch.Spec;

namespace NinSearch.Store.Entities;

/// <summary>
/// One sampled configuration of a campaign (table <c>trials</c>). Leases, reports and completion change it only
/// through the conditional updates of <see cref="ICampaignStore"/>.
/// </summary>
public sealed class Trial
{
    /// <summary>Key.</summary>
    public Guid Id { get; set; }

    /// <summary>The owning campaign.</summary>
    public required string CampaignId { get; set; }

    /// <summary>Sequence number within the campaign, unique per campaign (0, 1, 2, ...).</summary>
    public int Number { get; set; }

    /// <summary>The trial's <c>TrialConfig</c> as JSON (<c>jsonb</c> on PostgreSQL).</summary>
    public required string ConfigJson { get; set; }

    /// <summary>
    /// The sampler's parameter values for this trial, a JSON object of dimension name to value (<c>jsonb</c> on
    /// PostgreSQL); null for trials of a fixed preset. Parallel coordinates and importance read these.
    /// </summary>
    public string? ParamsJson { get; set; }

    /// <summary>Lifecycle state.</summary>
    public TrialStatus Status { get; set; } = TrialStatus.Waiting;

    /// <summary>Why the trial ended (failure message, pruning decision, broken constraint).</summary>
    public string? Reason { get; set; }

    /// <summary>The worker holding the current lease; null while waiting.</summary>
    public string? WorkerId { get; set; }

    /// <summary>The current lease; null unless <see cref="TrialStatus.Running"/>.</summary>
    public Guid? LeaseId { get; set; }

    /// <summary>When the current lease expires unless renewed.</summary>
    public DateTimeOffset? LeaseExpiresAt { get; set; }

    /// <summary>How many times the trial has been leased (1 on the first lease).</summary>
    public int Attempt { get; set; }

    /// <summary>
    /// Attempts that ended without the trial's own end: a lease that expired (the worker crashed, hung or lost the
    /// cluster) or a lease handed back because of a fault (the cluster unreachable, a checkpoint that cannot be read).
    /// A clean hand-back (a worker shutting down) does not count. The coordinator gives the trial up after a cap.
    /// </summary>
    public int FailedAttempts { get; set; }

    /// <summary>GPUs the trial needs (0 = runs on CPU threads).</summary>
    public int RequiredGpus { get; set; }

    /// <summary>When the trial was sampled.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the trial was first leased.</summary>
    public DateTimeOffset? StartedAt { get; set; }

    /// <summary>When the trial reached its terminal state.</summary>
    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>Trainable parameters (analytic).</summary>
    public long Params { get; set; }

    /// <summary>Multiply-accumulates per image (analytic).</summary>
    public long Macs { get; set; }

    /// <summary>Highest <see cref="EpochMetric.ValAccuracy"/> recorded; maintained in the report's transaction.</summary>
    public double? BestValAccuracy { get; set; }

    /// <summary>The earliest epoch that reached <see cref="BestValAccuracy"/>.</summary>
    public int? BestEpoch { get; set; }

    /// <summary>The highest epoch recorded.</summary>
    public int? LastEpoch { get; set; }

    /// <summary>Test accuracy of the final model, reported at completion.</summary>
    public double? TestAccuracy { get; set; }

    /// <summary>Training wall time over all attempts, reported at completion.</summary>
    public double? TrainSeconds { get; set; }

    /// <summary>Median milliseconds per image at batch 1 on the worker's device, measured when the trial ended (or
    /// before training, against the campaign's <c>max_latency_ms</c>); null when not measured.</summary>
    public double? LatencyMs { get; set; }

    /// <summary>Images per second at batch 256 on that device, measured with <see cref="LatencyMs"/>.</summary>
    public double? InferenceImagesPerSecond { get; set; }
}
