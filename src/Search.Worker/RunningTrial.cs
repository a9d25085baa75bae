using NinSearch.Abstractions;

namespace NinSearch.Worker;

/// <summary>A trial this worker is running: its lease, its cancellation and whether the lease was lost.</summary>
internal sealed class RunningTrial(TrialLease lease, CancellationToken stopping) : IDisposable
{
    private readonly CancellationTokenSource _cancel = CancellationTokenSource.CreateLinkedTokenSource(stopping);
    private volatile bool _leaseLost;

    public TrialLease Lease { get; } = lease;
    public CancellationToken Token => _cancel.Token;
    public bool LeaseLost => _leaseLost;
    public Task Task { get; set; } = Task.CompletedTask;

    /// <summary>Where the worker's packer placed it; null when no device had room (the trial is then handed back).</summary>
    public DevicePlacement? Placement { get; init; }

    /// <summary>Abandons the trial: its lease is gone, so nothing more may be reported.</summary>
    public void MarkLeaseLost()
    {
        _leaseLost = true;
        try { _cancel.Cancel(); } catch (ObjectDisposedException) { /* already finished */ }
    }

    public void Dispose() => _cancel.Dispose();
}
