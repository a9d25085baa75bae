using NinSearch.Abstractions;
using NinSearch.Silo.Hosting;
using NinSearch.Spec;
using NinSearch.Store.ReadModel;

namespace NinSearch.Silo.Metrics;

/// <summary>
/// What the worker fleet should be sized to, as the silo exports it for autoscaling (see docs/autoscaling.md):
/// <see cref="Pending"/> trials that could start now if a worker had a free slot, <see cref="Running"/> trials, and
/// the <see cref="WorkerSlots"/> of the workers online. Desired workers = ceil((pending + running) / slots per worker).
/// </summary>
/// <param name="Pending">
/// Over running campaigns: trials waiting for a worker (new, handed back, or whose lease expired) plus the new trials
/// the budget still allows: <c>max_trials - started</c>, none once the epoch budget is spent, and
/// <c>openCampaignTrials</c> (<see cref="SiloOptions.OpenCampaignTrials"/>) for a campaign without a trial limit (it can always start more).
/// </param>
/// <param name="Running">Trials leased to a worker now, over running campaigns.</param>
/// <param name="WorkerSlots">Trials the online workers can run at once, together.</param>
public sealed record TrialLoad(long Pending, long Running, long WorkerSlots)
{
    /// <summary>The load of <paramref name="campaigns"/> and <paramref name="workers"/>; <paramref name="openCampaignTrials"/> as above.</summary>
    public static TrialLoad From(IEnumerable<CampaignSummary> campaigns, IEnumerable<WorkerStatus> workers, int openCampaignTrials)
    {
        long pending = 0, running = 0;
        foreach (var campaign in campaigns.Where(c => c.Status == CampaignStatus.Running))
        {
            var progress = campaign.Progress;
            running += progress.TrialsRunning;
            pending += progress.TrialsWaiting;
            if (progress.MaxEpochs is { } epochs && progress.EpochsUsed >= epochs) continue;
            pending += progress.MaxTrials is { } max ? Math.Max(0, max - progress.TrialsStarted) : openCampaignTrials;
        }
        var slots = workers.Where(w => w.Online).Sum(w => (long)Math.Max(0, w.Registration.Capabilities.TrialSlots));
        return new TrialLoad(pending, running, slots);
    }
}
