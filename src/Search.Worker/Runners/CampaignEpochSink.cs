using NinSearch.Abstractions;
using NinSearch.Spec;
using NinSearch.Worker.Metrics;

namespace NinSearch.Worker.Runners;

/// <summary>
/// Reports epochs of one lease to its campaign grain, then checkpoints when due. Reporting first means a crash between
/// the two re-trains (and re-reports, which the campaign ignores) one epoch instead of losing its metrics.
/// Calls are retried (<see cref="ClusterCalls"/>). A report that has no reply within <see cref="WorkerOptions.ReportWait"/>
/// does not hold training up: the next epoch trains while it is retried, its checkpoint is taken now and stored once
/// it lands, and the next report waits for it, so reports stay in epoch order. When the cluster stays unreachable for
/// the whole retry window the sink answers <see cref="EpochDecision.LeaseLost"/> and keeps the cause in
/// <see cref="Unavailable"/>: the worker hands the trial back instead of failing it.
/// </summary>
internal sealed class CampaignEpochSink(
    ICampaignGrain campaign, TrialLease lease, WorkerOptions options, int totalEpochs, ClusterCalls calls,
    Action onLeaseLost, WorkerInstruments instruments) : IEpochSink
{
    private Pending? _pending;

    /// <summary>The last epoch whose report the campaign accepted.</summary>
    public int LastEpoch { get; private set; } = lease.ResumeFromEpoch ?? 0;

    /// <summary>Why the trial must be handed back (a call kept failing), or null.</summary>
    public ClusterUnavailableException? Unavailable { get; private set; }

    public async Task<EpochDecision> OnEpochAsync(EpochMetrics metrics, Func<byte[]> checkpoint, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (await FlushAsync(cancellationToken) is { } earlier && !earlier.KeepsTraining()) return earlier;
        // No checkpoint after the last epoch: the trial completes next, nothing would resume from it.
        var due = metrics.Epoch % options.CheckpointEveryEpochs == 0 && metrics.Epoch < totalEpochs;
        var report = calls.RunAsync("report", () => campaign.ReportEpochAsync(lease.LeaseId, metrics), cancellationToken);
        if (!report.IsCompleted && options.ReportWait > TimeSpan.Zero)
        {
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var first = await Task.WhenAny(report, Task.Delay(options.ReportWait, wait.Token));
            await wait.CancelAsync();
            if (first != report)
            {
                cancellationToken.ThrowIfCancellationRequested();
                _pending = new Pending(metrics, report, due ? checkpoint() : null);
                return EpochDecision.Continue;
            }
        }
        return await SettleAsync(metrics, report, due ? checkpoint : null, cancellationToken);
    }

    /// <summary>Waits for a report still being retried; null when there is none.</summary>
    public async Task<EpochDecision?> FlushAsync(CancellationToken cancellationToken)
    {
        if (_pending is not { } pending) return null;
        _pending = null;
        return await SettleAsync(pending.Metrics, pending.Report, pending.Checkpoint is { } bytes ? () => bytes : null, cancellationToken);
    }

    private async Task<EpochDecision> SettleAsync(EpochMetrics metrics, Task<EpochReply> report, Func<byte[]>? checkpoint,
        CancellationToken cancellationToken)
    {
        try
        {
            var reply = await report;
            if (reply.Decision == EpochDecision.LeaseLost)
            {
                onLeaseLost();
                return EpochDecision.LeaseLost;
            }
            LastEpoch = metrics.Epoch;
            instruments.RecordEpoch(metrics);
            if (reply.Decision.KeepsTraining() && checkpoint is not null
                && !await calls.RunAsync("checkpoint", () => campaign.SaveCheckpointAsync(lease.LeaseId, metrics.Epoch, checkpoint()), cancellationToken))
            {
                onLeaseLost();
                return EpochDecision.LeaseLost;
            }
            return reply.Decision;
        }
        catch (ClusterUnavailableException e)
        {
            Unavailable = e;
            return EpochDecision.LeaseLost;
        }
    }

    private sealed record Pending(EpochMetrics Metrics, Task<EpochReply> Report, byte[]? Checkpoint);
}
