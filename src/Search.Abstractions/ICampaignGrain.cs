using NinSearch.Spec;
using Orleans.Concurrency;

namespace NinSearch.Abstractions;

/// <summary>
/// One search campaign, keyed by its campaign id. It owns the sampler and scheduler state, the budget and the
/// lifecycle, and hands out trials under leases. Every state change is written through to the store before the call
/// returns, so a reactivated grain (on this or another silo) continues where the last one stopped.
/// Calls naming a lease that is unknown, expired or already ended change nothing: a duplicate or late report is never
/// counted twice, and no trial ends twice. Leasing, calls about existing leases (reports, checkpoints, completion,
/// release, renewals) and snapshots interleave: each is one conditional store call on its own trial (a new trial is
/// inserted already leased), with what it takes reserved in memory before the call. Lifecycle calls (start, cancel)
/// run one at a time; ending a campaign waits for the leases in flight.
/// </summary>
public interface ICampaignGrain : IGrainWithStringKey
{
    /// <summary>Creates the campaign (Draft → Running). Starting an existing campaign with the same id returns its snapshot.</summary>
    Task<CampaignSnapshot> StartAsync(CampaignDefinition definition);

    /// <summary>Cancels a running campaign: no new leases, open leases answer <see cref="EpochDecision.LeaseLost"/>.</summary>
    Task<CampaignSnapshot> CancelAsync(string reason);

    /// <summary>The current progress.</summary>
    [AlwaysInterleave]
    Task<CampaignSnapshot> GetSnapshotAsync();

    /// <summary>
    /// Leases the next trial whose resources fit <paramref name="free"/>: first a trial waiting to resume, else a new
    /// candidate from the sampler. Null when nothing fits, the budget is spent or the campaign is not running.
    /// </summary>
    [AlwaysInterleave]
    Task<TrialLease?> TryLeaseAsync(string workerId, WorkerResources free);

    /// <summary>Records one epoch and asks the scheduler whether to go on. A repeated epoch is answered again, not recounted.</summary>
    [AlwaysInterleave]
    Task<EpochReply> ReportEpochAsync(Guid leaseId, EpochMetrics metrics);

    /// <summary>Stores the checkpoint taken after <paramref name="epoch"/>; false when the lease is no longer valid.</summary>
    [AlwaysInterleave]
    Task<bool> SaveCheckpointAsync(Guid leaseId, int epoch, byte[] checkpoint);

    /// <summary>The checkpoint the lease should resume from (<see cref="TrialLease.ResumeFromEpoch"/>), or null.</summary>
    [AlwaysInterleave]
    Task<byte[]?> LoadCheckpointAsync(Guid leaseId);

    /// <summary>Ends the trial (completed, stopped or failed); false when the lease was no longer valid, and then nothing changed.</summary>
    [AlwaysInterleave]
    Task<bool> CompleteAsync(Guid leaseId, TrialResult result);

    /// <summary>
    /// Gives a lease back without ending the trial: the trial waits to resume from its last checkpoint. A
    /// <see cref="ReleaseCause.Fault"/> counts the attempt as failed (a trial whose attempts keep failing is given up
    /// after a cap); <see cref="ReleaseCause.DatasetUnavailable"/> is recorded as the campaign's problem, not the trial's.
    /// </summary>
    [AlwaysInterleave]
    Task<bool> ReleaseAsync(Guid leaseId, ReleaseCause cause, string reason);

    /// <summary>How long a subscription lives without being renewed by another <see cref="SubscribeAsync"/>.</summary>
    static readonly TimeSpan SubscriptionLifetime = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Subscribes <paramref name="observer"/> (an object reference from <c>IGrainFactory.CreateObjectReference</c>)
    /// to live updates, or renews its subscription; it lapses after <see cref="SubscriptionLifetime"/> without renewal.
    /// Costs the coordination path nothing while nobody subscribes.
    /// </summary>
    /// <returns>The <see cref="CampaignUpdate.Sequence"/> of the last update published before this call: the observer gets every later one.</returns>
    [AlwaysInterleave]
    Task<long> SubscribeAsync(ICampaignObserver observer);

    /// <summary>Ends a subscription (no effect when unknown).</summary>
    [AlwaysInterleave]
    Task UnsubscribeAsync(ICampaignObserver observer);

    /// <summary>Extends the given leases; returns the ids among them that are no longer valid.</summary>
    [AlwaysInterleave]
    Task<IReadOnlyList<Guid>> RenewLeasesAsync(string workerId, IReadOnlyList<Guid> leaseIds);
}
