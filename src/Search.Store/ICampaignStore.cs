using NinSearch.Spec;
using NinSearch.Store.Entities;

namespace NinSearch.Store;

/// <summary>
/// The coordinator's view of the database: campaigns, trials with leases, per-epoch metrics, checkpoints, workers,
/// events and the leaderboard.
/// </summary>
/// <remarks>
/// <para>
/// Thread safety: implementations are safe to call concurrently from any number of threads and processes. Every
/// method is one short transaction on its own connection; the invariants below hold across processes because they
/// are enforced by conditional updates in the database, not by in-memory state.
/// </para>
/// <para>Invariants:</para>
/// <list type="bullet">
/// <item>A trial is leased by at most one worker at a time; only its current lease id can report or finish it.</item>
/// <item>A trial reaches exactly one terminal state, once; a terminal trial never changes again.</item>
/// <item>An epoch of a trial is recorded at most once; a repeat is <see cref="RecordEpochResult.Duplicate"/>.</item>
/// <item>A trial's best/last epoch columns always agree with its <c>epoch_metrics</c> rows (same transaction).</item>
/// </list>
/// <para>
/// Times: lease methods take the caller's clock (<c>now</c>, <c>expiresAt</c>) so one coordinator clock decides
/// expiry; timestamps of records (reports, endings, checkpoints) come from the store's <see cref="TimeProvider"/>.
/// Entities returned are detached copies; changing them changes nothing in the store.
/// </para>
/// </remarks>
public interface ICampaignStore
{
    /// <summary>Inserts a campaign. Idempotent: returns false, changing nothing, when the id already exists.</summary>
    /// <param name="campaign">The campaign; <see cref="Campaign.Version"/> is reset to 0.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<bool> CreateCampaignAsync(Campaign campaign, CancellationToken cancellationToken = default);

    /// <summary>Reads a campaign, or null when unknown.</summary>
    Task<Campaign?> GetCampaignAsync(string campaignId, CancellationToken cancellationToken = default);

    /// <summary>Lists campaigns, newest first, optionally only those in <paramref name="status"/>.</summary>
    Task<IReadOnlyList<Campaign>> ListCampaignsAsync(CampaignStatus? status = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Saves the campaign's status and counters in one conditional update (the search keeps no state here: it is rebuilt
    /// from the trial and epoch rows) and increments <see cref="Campaign.Version"/>.
    /// Sets <see cref="Campaign.StartedAt"/> on first entering <see cref="CampaignStatus.Running"/> and
    /// <see cref="Campaign.EndedAt"/> on entering a terminal state.
    /// </summary>
    /// <param name="campaignId">The campaign.</param>
    /// <param name="status">The new status. A campaign already in a terminal state is never changed.</param>
    /// <param name="reason">Why it ended, or null.</param>
    /// <param name="trialsCreated">Trials created so far.</param>
    /// <param name="epochsUsed">Epochs spent so far.</param>
    /// <param name="expectedVersion">
    /// When given, save only if the stored version equals it (optimistic concurrency: a second activation of the same
    /// campaign after a silo failover cannot overwrite newer state). Null saves unconditionally.
    /// </param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The new version, or null when nothing was saved (unknown id, terminal campaign, version mismatch).</returns>
    Task<long?> SaveCampaignStateAsync(
        string campaignId,
        CampaignStatus status,
        string? reason,
        int trialsCreated,
        long epochsUsed,
        long? expectedVersion = null,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Inserts a trial, normally <see cref="TrialStatus.Waiting"/>, or directly <see cref="TrialStatus.Rejected"/>
    /// for a configuration that broke a constraint (its <see cref="Trial.EndedAt"/> is set). Idempotent: returns false,
    /// changing nothing, when a trial with the same id or the same campaign and number exists. Lease fields, attempt
    /// and metrics of the argument are ignored.
    /// </summary>
    /// <exception cref="ArgumentException">The status is neither Waiting nor Rejected.</exception>
    Task<bool> AddTrialAsync(Trial trial, CancellationToken cancellationToken = default);

    /// <summary>
    /// Inserts a new trial already leased, in one statement (the lease path's hot write): the row is
    /// <see cref="TrialStatus.Running"/> under <paramref name="leaseId"/> held by <paramref name="workerId"/> until
    /// <paramref name="expiresAt"/>, with <see cref="Trial.Attempt"/> 1 and <see cref="Trial.StartedAt"/> =
    /// <paramref name="now"/>. Afterwards the trial is indistinguishable from one added Waiting and then leased with
    /// <see cref="TryLeaseTrialAsync"/>. Idempotent as <see cref="AddTrialAsync"/>: returns false, changing nothing,
    /// when a trial with the same id or the same campaign and number exists. Status, lease fields, attempt and
    /// metrics of the argument are ignored.
    /// </summary>
    /// <param name="trial">The trial (id, campaign, number, config, resources, params, MACs, created-at).</param>
    /// <param name="workerId">The worker taking it.</param>
    /// <param name="leaseId">A fresh id chosen by the caller; all later reports must carry it.</param>
    /// <param name="expiresAt">When the lease expires unless renewed.</param>
    /// <param name="now">The coordinator's current time.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>True when this call inserted the trial.</returns>
    Task<bool> AddLeasedTrialAsync(
        Trial trial,
        string workerId,
        Guid leaseId,
        DateTimeOffset expiresAt,
        DateTimeOffset now,
        CancellationToken cancellationToken = default);

    /// <summary>Lists a campaign's trials by number, optionally only those in <paramref name="status"/>.</summary>
    Task<IReadOnlyList<Trial>> GetTrialsAsync(string campaignId, TrialStatus? status = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Every epoch recorded for a campaign's trials, in the order they were recorded (time, then trial and epoch):
    /// a coordinator rebuilds its scheduler and sampler from these and the trial rows instead of saving their state.
    /// </summary>
    Task<IReadOnlyList<EpochMetric>> GetCampaignEpochsAsync(string campaignId, CancellationToken cancellationToken = default);

    /// <summary>Reads a trial, or null when unknown.</summary>
    Task<Trial?> GetTrialAsync(Guid trialId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Leases a trial to a worker with one conditional update: succeeds only when the trial is
    /// <see cref="TrialStatus.Waiting"/>, or <see cref="TrialStatus.Running"/> with a lease that expired before
    /// <paramref name="now"/>. On success the trial is Running with this lease, <see cref="Trial.Attempt"/> is
    /// incremented (and <see cref="Trial.FailedAttempts"/> too when an expired lease was taken over) and
    /// <see cref="Trial.StartedAt"/> is set if it was null. Of several concurrent callers at most one
    /// wins.
    /// </summary>
    /// <param name="trialId">The trial.</param>
    /// <param name="workerId">The worker taking it.</param>
    /// <param name="leaseId">A fresh id chosen by the caller; all later reports must carry it.</param>
    /// <param name="expiresAt">When the lease expires unless renewed.</param>
    /// <param name="now">The coordinator's current time.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether this call took the lease, and whether it took over an expired one.</returns>
    Task<TrialLeaseOutcome> TryLeaseTrialAsync(
        Guid trialId,
        string workerId,
        Guid leaseId,
        DateTimeOffset expiresAt,
        DateTimeOffset now,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Heartbeat for leases: moves the expiry of each lease in <paramref name="leaseIds"/> that
    /// <paramref name="workerId"/> holds and that has not expired (expiry at or after <paramref name="now"/>) to
    /// <paramref name="expiresAt"/>, never backwards. Only named leases are renewed: a trial the worker holds without
    /// knowing it (a lost lease reply, a trial it dropped, a previous process under the same worker id) expires and
    /// returns to waiting. Expired leases are not revived; they stay claimable by other workers.
    /// </summary>
    /// <returns>How many leases were renewed.</returns>
    Task<int> RenewLeasesAsync(string workerId, IReadOnlyCollection<Guid> leaseIds, DateTimeOffset expiresAt, DateTimeOffset now,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Gives a lease back (e.g. on SIGTERM, after checkpointing): the trial returns to <see cref="TrialStatus.Waiting"/>
    /// without a worker and another worker can resume it from its last checkpoint.
    /// </summary>
    /// <returns>True when the lease was current and is now released; false otherwise (nothing changed).</returns>
    Task<bool> ReleaseLeaseAsync(Guid trialId, Guid leaseId, CancellationToken cancellationToken = default);

    /// <summary>
    /// As <see cref="ReleaseLeaseAsync"/>, for a lease handed back because of a fault: also counts the attempt in
    /// <see cref="Trial.FailedAttempts"/> and keeps <paramref name="fault"/> as the trial's <see cref="Trial.Reason"/>.
    /// </summary>
    /// <returns>True when the lease was current and is now released; false otherwise (nothing changed).</returns>
    Task<bool> ReleaseFaultedLeaseAsync(Guid trialId, Guid leaseId, string fault, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records one epoch's metrics, idempotently, in one transaction: checks that <paramref name="leaseId"/> is the
    /// trial's current lease and the trial is Running, inserts the row (key trial + epoch) unless it exists, and
    /// updates <see cref="Trial.BestValAccuracy"/>, <see cref="Trial.BestEpoch"/> and <see cref="Trial.LastEpoch"/>.
    /// The store sets <see cref="EpochMetric.TrialId"/>, <see cref="EpochMetric.Attempt"/> (the trial's current
    /// attempt) and <see cref="EpochMetric.ReportedAt"/>; the argument is not modified. Concurrent reports for the same
    /// trial are serialised by the database.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The epoch is less than 1.</exception>
    Task<RecordEpochResult> RecordEpochAsync(Guid trialId, Guid leaseId, EpochMetric metric, CancellationToken cancellationToken = default);

    /// <summary>
    /// Ends a trial as its current lease holder: only when it is Running with <paramref name="leaseId"/>, so a trial
    /// finishes once and a stale or repeated call changes nothing. Clears the lease, keeps
    /// <see cref="Trial.WorkerId"/> and sets <see cref="Trial.EndedAt"/>.
    /// </summary>
    /// <param name="trialId">The trial.</param>
    /// <param name="leaseId">The caller's lease.</param>
    /// <param name="terminal"><see cref="TrialStatus.Complete"/>, <see cref="TrialStatus.Pruned"/>,
    /// <see cref="TrialStatus.Failed"/> or <see cref="TrialStatus.Rejected"/> (the worker found it slower than the
    /// campaign's latency limit).</param>
    /// <param name="reason">Why (failure message, pruning decision), or null.</param>
    /// <param name="testAccuracy">Test accuracy of the final model, or null when not evaluated.</param>
    /// <param name="trainSeconds">Training wall time over all attempts, or null.</param>
    /// <param name="inference">The model's measured inference speed, or null when not measured.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>True when this call ended the trial.</returns>
    /// <exception cref="ArgumentException"><paramref name="terminal"/> is not one of the four states above.</exception>
    Task<bool> FinishTrialAsync(
        Guid trialId,
        Guid leaseId,
        TrialStatus terminal,
        string? reason,
        double? testAccuracy,
        double? trainSeconds,
        InferenceSpeedRow? inference = null,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Ends a trial that no worker holds, as the coordinator (e.g. too many attempts, campaign cancelled): only when
    /// it is <see cref="TrialStatus.Waiting"/>, or Running with a lease that expired before <paramref name="now"/>
    /// (that expiry counts in <see cref="Trial.FailedAttempts"/>).
    /// </summary>
    /// <param name="trialId">The trial.</param>
    /// <param name="terminal"><see cref="TrialStatus.Failed"/> or <see cref="TrialStatus.Pruned"/>.</param>
    /// <param name="reason">Why.</param>
    /// <param name="now">The coordinator's current time.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>True when this call ended the trial.</returns>
    /// <exception cref="ArgumentException"><paramref name="terminal"/> is neither Failed nor Pruned.</exception>
    Task<bool> CloseTrialAsync(Guid trialId, TrialStatus terminal, string? reason, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>
    /// Returns every Running trial whose lease expired before <paramref name="now"/> to <see cref="TrialStatus.Waiting"/>
    /// (lease and worker cleared, attempt kept, <see cref="Trial.FailedAttempts"/> incremented and the expiry kept as
    /// its <see cref="Trial.Reason"/>). Safe to run from several coordinators at once: each trial is returned
    /// by exactly one of them.
    /// </summary>
    /// <returns>The trials this call returned to Waiting.</returns>
    Task<IReadOnlyList<Guid>> ExpireLeasesAsync(DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>
    /// As <see cref="ExpireLeasesAsync(DateTimeOffset, CancellationToken)"/>, for one campaign's trials only, so each
    /// campaign's coordinator sweeps (and logs) its own trials.
    /// </summary>
    /// <returns>The trials of <paramref name="campaignId"/> this call returned to Waiting.</returns>
    Task<IReadOnlyList<Guid>> ExpireLeasesAsync(string campaignId, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>
    /// Saves a checkpoint as the trial's current lease holder, replacing one with the same trial, kind and epoch, then
    /// deletes older ones beyond <see cref="StoreOptions.KeepCheckpoints"/> (Resume) or 1 (Final). Bytes go to the
    /// database, or to a file under <see cref="StoreOptions.CheckpointDirectory"/> (written to a temporary name and
    /// renamed, so a reader never sees a partial file).
    /// </summary>
    /// <param name="trialId">The trial.</param>
    /// <param name="leaseId">The caller's lease.</param>
    /// <param name="epoch">The epoch the state is from (for final weights: the epoch the trial is ranked by, when those are the weights).</param>
    /// <param name="kind">Resume state or final weights.</param>
    /// <param name="data">The bytes.</param>
    /// <param name="preprocessingJson">For final weights, how inputs are prepared for them (kept beside the bytes).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>True when saved; false when <paramref name="leaseId"/> is not the trial's current lease.</returns>
    Task<bool> SaveCheckpointAsync(
        Guid trialId,
        Guid leaseId,
        int epoch,
        CheckpointKind kind,
        ReadOnlyMemory<byte> data,
        string? preprocessingJson = null,
        CancellationToken cancellationToken = default);

    /// <summary>As <see cref="SaveCheckpointAsync(Guid, Guid, int, CheckpointKind, ReadOnlyMemory{byte}, string?, CancellationToken)"/>, reading the bytes from a stream (to its end).</summary>
    Task<bool> SaveCheckpointAsync(
        Guid trialId,
        Guid leaseId,
        int epoch,
        CheckpointKind kind,
        Stream data,
        CancellationToken cancellationToken = default);

    /// <summary>Loads the checkpoint of the given kind with the highest epoch, or null when the trial has none.</summary>
    Task<StoredCheckpoint?> LoadLatestCheckpointAsync(Guid trialId, CheckpointKind kind, CancellationToken cancellationToken = default);

    /// <summary>
    /// Registers a worker or updates its capabilities; sets its status to <see cref="WorkerStatus.Online"/> and its
    /// heartbeat to the store's clock. <see cref="Worker.RegisteredAt"/> is kept from the first registration.
    /// </summary>
    Task UpsertWorkerAsync(Worker worker, CancellationToken cancellationToken = default);

    /// <summary>Records a worker's heartbeat at <paramref name="now"/> and, when given, its new status.</summary>
    /// <returns>False when the worker is unknown (it should register again).</returns>
    Task<bool> HeartbeatWorkerAsync(string workerId, DateTimeOffset now, WorkerStatus? status = null, CancellationToken cancellationToken = default);

    /// <summary>Lists workers by id, optionally only those in <paramref name="status"/>.</summary>
    Task<IReadOnlyList<Worker>> ListWorkersAsync(WorkerStatus? status = null, CancellationToken cancellationToken = default);

    /// <summary>Appends an event to a campaign's log; <see cref="CampaignEvent.At"/> defaults to the store's clock when unset.</summary>
    /// <returns>The event's id.</returns>
    Task<long> AddEventAsync(CampaignEvent campaignEvent, CancellationToken cancellationToken = default);

    /// <summary>Reads a campaign's events with id greater than <paramref name="afterId"/> in id order, at most <paramref name="limit"/>.</summary>
    /// <param name="campaignId">The campaign.</param>
    /// <param name="afterId">The last id already seen; 0 reads from the start.</param>
    /// <param name="limit">Page size, at least 1.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<IReadOnlyList<CampaignEvent>> GetEventsAsync(string campaignId, long afterId = 0, int limit = 100, CancellationToken cancellationToken = default);

    /// <summary>
    /// The campaign's best trials: every trial with at least one recorded epoch, ordered by best validation accuracy
    /// (highest first), then by number. A live query over <c>trials</c> and <c>epoch_metrics</c>; there is no cached
    /// copy to disagree with the raw rows.
    /// </summary>
    /// <param name="campaignId">The campaign.</param>
    /// <param name="top">Maximum rows, at least 1.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<IReadOnlyList<LeaderboardRow>> GetLeaderboardAsync(string campaignId, int top = 20, CancellationToken cancellationToken = default);
}
