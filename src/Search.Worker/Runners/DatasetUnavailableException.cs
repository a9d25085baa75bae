namespace NinSearch.Worker.Runners;

/// <summary>
/// The worker cannot load a campaign's dataset (missing or corrupt files, an unknown name): a problem of this worker,
/// not of the trial. The worker hands the trial back and stops taking trials of that dataset for a while.
/// </summary>
public sealed class DatasetUnavailableException(string dataset, string reason, Exception? inner = null)
    : Exception($"dataset '{dataset}' cannot be loaded: {reason}", inner)
{
    /// <summary>The campaign's dataset name.</summary>
    public string Dataset { get; } = dataset;

    /// <summary>Why, in one line.</summary>
    public string Reason { get; } = reason;
}
