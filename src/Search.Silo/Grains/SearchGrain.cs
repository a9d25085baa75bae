namespace NinSearch.Silo.Grains;

/// <summary>
/// The base of every NinSearch grain: an activation yields once before its own activation code, so that no grain code
/// runs under Orleans' activation lock.
/// </summary>
/// <remarks>
/// Orleans 10.4 starts an activation (<c>ActivationData.Start</c>) holding the activation's lock, and runs its message
/// loop's first turn inline; when activating completes synchronously, as it does on the SQLite store whose calls never
/// yield, the first request's grain code runs under that lock too. A call to another grain takes the callee's lock to
/// queue the message, so two fresh activations calling each other in their first turns (a campaign adding itself to the
/// dispatcher while the dispatcher's first lease call asks that campaign for a trial) each wait for the other's lock,
/// with no timeout: the silo stops answering both grains and never shuts down. Yielding ends <c>Start</c> there.
/// </remarks>
public abstract class SearchGrain : Grain
{
    public sealed override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Task.Yield posts the rest to this activation's scheduler, which runs it after Start has released the lock.
        await Task.Yield();
        await ActivateAsync(cancellationToken);
    }

    /// <summary>The grain's own activation: rebuilding its state from the store.</summary>
    protected virtual Task ActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
