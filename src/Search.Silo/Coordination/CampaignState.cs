using NinSearch.Abstractions;
using NinSearch.Spec;
using NinSearch.Store.Entities;

namespace NinSearch.Silo.Coordination;

/// <summary>
/// One campaign's coordination state and every decision about it, with no I/O and no clock (<c>now</c> is a
/// parameter): the budget, the trial slots (status, lease, attempt, expiry), their tally and the ending. A decision
/// returns the store write it needs (a plan: <see cref="LeasePlan"/>, <see cref="TrialInsert"/>,
/// <see cref="CampaignSave"/>, <see cref="RenewalPlan"/>); the caller (<see cref="CampaignCoordinator"/>) performs it
/// and applies its <see cref="WriteOutcome"/> back (<c>Apply…</c>): Written changes memory as the store changed,
/// Refused leaves it to a refresh from the row (<see cref="Refresh(Trial)"/>), Ambiguous keeps what may have committed.
/// The store is the system of record: memory changes only after the write that makes it true, so a state rebuilt from
/// the rows (<see cref="Load"/>) continues exactly, and a stale caller changes nothing.
/// <para>Interleaving. The coordinator is single-threaded, but its calls interleave at every store write. The rules,
/// all enforced here:</para>
/// <list type="bullet">
/// <item>Leases, reports, checkpoints, completions, releases, renewals, sweeps and snapshots run concurrently. Each is
/// one conditional write on its own trial, so the store decides every race; the loser refreshes from the row.</item>
/// <item>What a lease takes is reserved synchronously, before its write: the trial being leased or given up is marked
/// (no other lease, sweep or close touches it until the outcome is applied), a new trial's number is taken
/// (<see cref="NextNumber"/>), and a creation counts against the trial budget from <see cref="ReserveCreation"/> until
/// its trial is tracked, so concurrent leases never exceed the budget nor pick the same thing.</item>
/// <item>A new trial is tracked as Running before its insert, so the campaign cannot complete meanwhile; no report can
/// name it before the lease is answered.</item>
/// <item>Ending runs once: the first <see cref="RequestEnd"/> begins it, later ones join it, and once ended nothing
/// is leased. It first waits until no lease is in flight (<see cref="EndWaitsForLeases"/>), so no lease is handed out
/// for a trial the end closes; new leases meanwhile join the end. An end that failed (the store threw, or the row was
/// changed by another activation) is not ended: the next request begins it again.</item>
/// <item>Saves of the campaign row never interleave with each other (the coordinator serialises them), or the row's
/// version check would refuse the second. Starts never interleave either, and are resumable: a Start finishes
/// whatever an earlier one left undone (row Draft, or Running without the dispatcher and sweeps).</item>
/// <item>A write whose outcome is unknown (the store threw, perhaps after committing) assumes nothing: memory takes the
/// row (<see cref="Refresh(Trial)"/>, <see cref="RefreshCampaign"/>, <see cref="ResolveAmbiguous"/>), and when even that read
/// fails the coordinator retires the activation so the next one rebuilds (<see cref="Load"/>). What the store later
/// reveals is applied once: an epoch it calls Duplicate that memory never counted is counted then
/// (<see cref="EpochUncounted"/>); a release or renewal counts only what the store did (<see cref="ApplyReleased"/>,
/// <see cref="ApplyRenewal"/>), so memory's lease expiry never runs ahead of the row's.</item>
/// <item>An end stops every Running trial: through memory's lease, else by closing it, else through the lease its
/// refreshed row names (a takeover whose reply was lost), so no trial outlives the campaign.</item>
/// </list>
/// Not thread-safe: one caller at a time, as a grain.
/// </summary>
public sealed partial class CampaignState(string campaignId, TimeSpan leaseDuration, int maxFailedAttempts)
{
    /// <summary>A search whose constraints reject nearly everything must not spin forever: this many rejections in a row fail the campaign.</summary>
    public const int MaxConsecutiveRejections = 500;

    private readonly Dictionary<Guid, TrialSlot> _trials = [];
    private readonly Dictionary<Guid, TrialSlot> _byLease = [];
    private readonly TrialTally _tally = new();
    private readonly Dictionary<string, string> _datasetProblems = [];
    private CampaignRow? _campaign;

    /// <summary>The campaign's id.</summary>
    public string CampaignId { get; } = campaignId;

    /// <summary>How long a lease lasts without a heartbeat.</summary>
    public TimeSpan LeaseDuration { get; } = leaseDuration;

    /// <summary>Failed attempts after which a trial is given up.</summary>
    public int MaxFailedAttempts { get; } = maxFailedAttempts;

    /// <summary>The definition, once created or loaded.</summary>
    public CampaignDefinition? Definition { get; private set; }

    /// <summary>Whether the campaign row exists (created or loaded).</summary>
    public bool IsCreated => _campaign is not null;

    /// <summary>The lifecycle as last written (Draft before creation).</summary>
    public CampaignStatus Status => _campaign?.Status ?? CampaignStatus.Draft;

    /// <summary>Running: leases and reports are served.</summary>
    public bool IsRunning => _campaign?.Status == CampaignStatus.Running;

    /// <summary>Completed, cancelled or failed.</summary>
    public bool IsTerminal => _campaign?.Status is CampaignStatus.Completed or CampaignStatus.Cancelled or CampaignStatus.Failed;

    /// <summary>When the campaign first ran: the wall-clock budget counts from here.</summary>
    public DateTimeOffset? StartedAt => _campaign?.StartedAt;

    /// <summary>The epochs the budget has spent: the sum of every trial's last recorded epoch.</summary>
    public long EpochsUsed => _tally.EpochsUsed;

    /// <summary>The next new trial's number (numbers reserved by leases in flight included).</summary>
    public int NextNumber { get; private set; }

    /// <summary>Why the campaign must fail (set by a decision, acted on by the next lease that finds nothing), or null.</summary>
    public string? Failure { get; private set; }

    /// <summary>Every tracked trial, copied now.</summary>
    public IReadOnlyCollection<TrialSlotView> Trials => [.. _trials.Values.Select(s => s.View())];

    /// <summary>One tracked trial, copied now, or null.</summary>
    public TrialSlotView? Trial(Guid trialId) => _trials.TryGetValue(trialId, out var slot) ? slot.View() : null;

    /// <summary>The trial that <paramref name="leaseId"/> currently holds, or null when no trial does (unknown, expired, ended).</summary>
    public TrialSlotView? LeaseHolder(Guid leaseId) => _byLease.TryGetValue(leaseId, out var slot) ? slot.View() : null;

    /// <summary>What the store also knows, value-equal (see <see cref="StateDigest"/>).</summary>
    public StateDigest Digest() => new(Status, NextNumber, EpochsUsed,
        [.. _trials.Values.OrderBy(s => s.Number).Select(s => new TrialDigest(s.Number, s.Id, s.Status, s.LeaseId, s.Attempt, s.FailedAttempts, s.LastEpoch ?? 0))]);

    /// <summary>
    /// Loads the stored campaign and its trial rows (activation, or a start that found the row). A crash between adding
    /// a trial and saving the campaign row leaves the row one behind; the trials decide the next number.
    /// </summary>
    public void Load(Campaign stored, CampaignDefinition definition, IReadOnlyList<Trial> rows)
    {
        _campaign = CampaignRow.From(stored);
        Definition = definition;
        foreach (var row in rows) Track(TrialSlot.From(row));
        NextNumber = Math.Max(Math.Max(NextNumber, stored.TrialsCreated), _trials.Count == 0 ? 0 : _trials.Values.Max(t => t.Number) + 1);
    }

    /// <summary>
    /// A write on this trial was refused or its outcome is unknown: memory takes the row the store has (no-op for an
    /// untracked trial). A row read before a write that memory has applied since (the read's reply came after it) is
    /// older than memory and changes nothing: a row only moves forward (terminal is final; attempts, failed attempts
    /// and the last epoch never decrease).
    /// </summary>
    public void Refresh(Trial row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (!_trials.TryGetValue(row.Id, out var slot) || IsOlderThan(row, slot)) return;
        Take(slot, row);
    }

    /// <summary>
    /// How many times memory's copy of the trial has changed (0 for an untracked trial). A read issued at one count whose
    /// row comes back at another may be older than memory even where <see cref="Refresh(Trial)"/> cannot tell (a release
    /// applied while the read was in flight: the row still Running, memory Waiting, the attempt the same).
    /// </summary>
    public int ChangesOf(Guid trialId) => _trials.TryGetValue(trialId, out var slot) ? slot.Changes : 0;

    /// <summary>
    /// <see cref="Refresh(Trial)"/> with a row read when <see cref="ChangesOf"/> was <paramref name="changesAtRead"/>;
    /// false, changing nothing, when memory changed since (read again).
    /// </summary>
    public bool Refresh(Trial row, int changesAtRead)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (ChangesOf(row.Id) != changesAtRead) return false;
        Refresh(row);
        return true;
    }

    private void Take(TrialSlot slot, Trial row)
    {
        if (slot.LeaseId is { } old && old != row.LeaseId) _byLease.Remove(old);
        slot.Refresh(row);
        if (slot.Status == TrialStatus.Running && slot.LeaseId is { } current) _byLease[current] = slot;
    }

    /// <summary>The campaign's progress.</summary>
    public CampaignSnapshot Snapshot()
    {
        if (_campaign is null)
            return new CampaignSnapshot(CampaignId, CampaignStatus.Draft, 0, 0, 0, 0, 0, 0, 0, 0, null, null, "not created");
        var best = _tally.Best(_trials.Values);
        return new CampaignSnapshot(
            CampaignId, _campaign.Status,
            TrialsStarted: _tally.Total - _tally.Count(TrialStatus.Rejected),
            TrialsRunning: _tally.Count(TrialStatus.Running),
            TrialsWaiting: _tally.Count(TrialStatus.Waiting),
            TrialsCompleted: _tally.Count(TrialStatus.Complete),
            TrialsPruned: _tally.Count(TrialStatus.Pruned),
            TrialsFailed: _tally.Count(TrialStatus.Failed),
            TrialsRejected: _tally.Count(TrialStatus.Rejected),
            EpochsReported: EpochsUsed,
            BestTrialId: best?.Id,
            BestValidationAccuracy: best?.BestValAccuracy,
            Reason: _campaign.Reason ?? (IsRunning ? RunningProblem : null));
    }

    /// <summary>
    /// A worker cannot load the dataset: kept once per worker and shown while the campaign runs, so a campaign no
    /// worker can serve says why it makes no progress. True when this is news (worth an event).
    /// </summary>
    public bool NoteDatasetProblem(string? workerId, string reason)
    {
        var key = workerId ?? "a worker";
        if (_datasetProblems.TryGetValue(key, out var known) && known == reason) return false;
        _datasetProblems[key] = reason;
        return true;
    }

    /// <summary>While running, why the campaign may be stuck; null when nothing is known to be wrong.</summary>
    private string? RunningProblem => _datasetProblems.Count == 0
        ? null
        : $"{_datasetProblems.Count} worker(s) cannot load dataset '{Definition!.Dataset}': {_datasetProblems.Values.Last()}";

    private static bool IsOlderThan(Trial row, TrialSlot slot) =>
        (slot.IsTerminal && row.Status is not (TrialStatus.Complete or TrialStatus.Pruned or TrialStatus.Failed or TrialStatus.Rejected))
        || row.Attempt < slot.Attempt || row.FailedAttempts < slot.FailedAttempts || (row.LastEpoch ?? 0) < (slot.LastEpoch ?? 0);

    private void Track(TrialSlot slot)
    {
        if (_trials.TryGetValue(slot.Id, out var previous)) previous.LeaveTally();
        _trials[slot.Id] = slot;
        slot.JoinTally(_tally);
        if (slot.LeaseId is { } lease && slot.Status == TrialStatus.Running) _byLease[lease] = slot;
    }

    private void Untrack(TrialSlot slot)
    {
        _trials.Remove(slot.Id);
        slot.LeaveTally();
    }
}
