using NinSearch.Abstractions;
using NinSearch.Spec;
using NinSearch.Worker.Metrics;

namespace NinSearch.Worker.Runners;

/// <summary>
/// Reports epochs of one lease to its campaign grain, then checkpoints when due. Reporting first means a crash between
/// the two re-trains (and re-reports, which the campaign ignores) one epoch instead of losing its metrics.
/// </summary>
internal sealed class CampaignEpochSink(ICampaignGrain campaign, TrialLease lease, int checkpointEvery, int totalEpochs, Action onLeaseLost,
    WorkerInstruments instruments) : IEpochSink
{
    /// <summary>The last epoch reported.</summary>
    public int LastEpoch { get; private set; } = lease.ResumeFromEpoch ?? 0;

    public async Task<EpochDecision> OnEpochAsync(EpochMetrics metrics, Func<byte[]> checkpoint, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var reply = await campaign.ReportEpochAsync(lease.LeaseId, metrics);
        LastEpoch = metrics.Epoch;
        instruments.RecordEpoch(metrics);
        // No checkpoint after the last epoch: the trial completes next, nothing would resume from it.
        if (reply.Decision.KeepsTraining() && metrics.Epoch % checkpointEvery == 0 && metrics.Epoch < totalEpochs
            && !await campaign.SaveCheckpointAsync(lease.LeaseId, metrics.Epoch, checkpoint()))
        {
            onLeaseLost();
            return EpochDecision.LeaseLost;
        }
        if (reply.Decision == EpochDecision.LeaseLost) onLeaseLost();
        return reply.Decision;
    }
}
