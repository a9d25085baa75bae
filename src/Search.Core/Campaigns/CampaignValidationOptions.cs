namespace NinSearch.Core.Campaigns;

/// <summary>
/// Limits <see cref="CampaignValidator"/> enforces, so a hostile or mistaken document is refused quickly instead of
/// reaching code that would expand it (an int range into a list, conditions sorted in O(n²)) or train it. Each
/// property's doc states its default; <see cref="Default"/> holds them all.
/// </summary>
public sealed class CampaignValidationOptions
{
    /// <summary>Largest document, in UTF-8 bytes. Default 1 MiB.</summary>
    public int MaxDocumentBytes { get; init; } = 1 << 20;

    /// <summary>Deepest nesting of objects and arrays. Default 32 (a valid campaign needs 7).</summary>
    public int MaxDepth { get; init; } = 32;

    /// <summary>Errors reported before the rest are summarised in one. Default 50.</summary>
    public int MaxErrors { get; init; } = 50;

    /// <summary>Longest campaign name, in UTF-16 code units. Default 200.</summary>
    public int MaxNameLength { get; init; } = 200;

    /// <summary>Most dimensions in a search space. Default 64 (the default space has 32).</summary>
    public int MaxDimensions { get; init; } = 64;

    /// <summary>Most choices in one categorical dimension, and most values in all conditions' <c>in</c> lists together. Default 1,000.</summary>
    public int MaxChoices { get; init; } = 1000;

    /// <summary>Most values in one int range ((high − low) / step + 1). Default 10,000.</summary>
    public int MaxIntRangeValues { get; init; } = 10_000;

    /// <summary>Largest <c>blocks</c> value. Default 16.</summary>
    public int MaxBlocks { get; init; } = 16;

    /// <summary>Largest <c>width_N</c> value (channels). Default 4,096.</summary>
    public int MaxWidth { get; init; } = 4096;

    /// <summary>Largest <c>kernel_N</c> value. Default 15.</summary>
    public int MaxKernel { get; init; } = 15;

    /// <summary>Largest <c>pointwise_N</c> value (hidden 1×1 layers per block). Default 8.</summary>
    public int MaxPointwise { get; init; } = 8;

    /// <summary>Largest <c>batch_size</c> value. Default 8,192.</summary>
    public int MaxBatchSize { get; init; } = 8192;

    /// <summary>Largest <c>epochs</c> / <c>warmup_epochs</c> value, and largest preset or scheduler epoch count. Default 1,000.</summary>
    public int MaxEpochs { get; init; } = 1000;

    /// <summary>Most local workers (<c>workers.count</c>). Default 256.</summary>
    public int MaxWorkers { get; init; } = 256;

    /// <summary>Most configurations in <c>search.enqueue</c>. Default 1,000.</summary>
    public int MaxEnqueued { get; init; } = 1000;

    /// <summary>Most campaigns in <c>search.warm_start_from</c>. Default 16.</summary>
    public int MaxWarmStartCampaigns { get; init; } = 16;

    /// <summary>
    /// Configurations sampled (seeded, uniform) through the mapper to prove the constraints can be met; the space is
    /// refused when none is accepted. Sampling stops at the first accepted one. Default 300.
    /// </summary>
    public int FeasibilitySamples { get; init; } = 300;

    /// <summary>Seed of that sampling, so a verdict is reproducible. Default 0.</summary>
    public long FeasibilitySeed { get; init; }

    public static CampaignValidationOptions Default { get; } = new();

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first limit that is not positive.</summary>
    public void EnsureValid()
    {
        foreach (var (name, value) in Limits())
            if (value <= 0) throw new ArgumentOutOfRangeException(name, value, "must be > 0");
    }

    /// <summary>Each limit that is not positive, as "<c>Name must be > 0, got N</c>", for a host's start-up check.</summary>
    public IEnumerable<string> Validate() => Limits().Where(l => l.Value <= 0).Select(l => $"{l.Name} must be > 0, got {l.Value}");

    private (string Name, long Value)[] Limits() =>
    [
        (nameof(MaxDocumentBytes), MaxDocumentBytes), (nameof(MaxDepth), MaxDepth), (nameof(MaxErrors), MaxErrors),
        (nameof(MaxNameLength), MaxNameLength), (nameof(MaxDimensions), MaxDimensions), (nameof(MaxChoices), MaxChoices),
        (nameof(MaxIntRangeValues), MaxIntRangeValues), (nameof(MaxBlocks), MaxBlocks), (nameof(MaxWidth), MaxWidth),
        (nameof(MaxKernel), MaxKernel), (nameof(MaxPointwise), MaxPointwise), (nameof(MaxBatchSize), MaxBatchSize),
        (nameof(MaxEpochs), MaxEpochs), (nameof(MaxWorkers), MaxWorkers), (nameof(MaxEnqueued), MaxEnqueued),
        (nameof(MaxWarmStartCampaigns), MaxWarmStartCampaigns), (nameof(FeasibilitySamples), FeasibilitySamples),
    ];
}
