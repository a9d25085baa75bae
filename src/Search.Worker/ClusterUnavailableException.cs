namespace NinSearch.Worker;

/// <summary>
/// A cluster call kept failing for the whole retry window (<see cref="WorkerOptions.ClusterRetryWindow"/>): an
/// infrastructure failure, never the trial's. The worker hands the trial back rather than failing it.
/// </summary>
public sealed class ClusterUnavailableException(string call, TimeSpan window, Exception last)
    : Exception($"the cluster did not accept '{call}' for {window.TotalSeconds:0.#} s: {last.GetType().Name}: {last.Message}", last)
{
    /// <summary>The call that failed.</summary>
    public string Call { get; } = call;
}
