using NinSearch.Abstractions;
using NinSearch.Spec;
using NinSearch.Store.ReadModel;

namespace NinSearch.Dashboard.Ui.Live;

/// <summary>
/// A campaign's state as its live page shows it: read once from the store (<see cref="CampaignDetail"/> and
/// <see cref="CampaignHistory"/>), then kept current by <see cref="Apply"/>ing its live updates. Applying is
/// idempotent and safe against repeats and stale updates: a curve point is keyed by epoch (a later attempt wins), a
/// trial's status only moves forward in the grain's sequence and never leaves a terminal state, and progress comes
/// from the newest snapshot. So updates that the store already reflected when it was read change nothing.
/// Not thread-safe: one page owns it and changes it on its renderer's context.
/// </summary>
public sealed class LiveCampaign
{
    private readonly Dictionary<int, LiveTrial> trials = [];
    private long snapshotSequence = -1;

    public LiveCampaign(CampaignDetail detail, CampaignHistory history)
    {
        ArgumentNullException.ThrowIfNull(detail);
        ArgumentNullException.ThrowIfNull(history);
        Summary = detail.Campaign;
        Status = Summary.Status;
        Reason = Summary.Reason;
        StartedAt = history.StartedAt ?? Summary.StartedAt;
        EndedAt = Summary.EndedAt;
        Progress = Summary.Progress;
        Merge(history, statuses: true);
        foreach (var running in detail.RunningTrials)
        {
            var trial = TrialOf(running.Number);
            if (trial.Status.IsTerminal()) continue;
            trial.Status = TrialStatus.Running;
            trial.WorkerId = running.WorkerId;
        }
        Best = FindBest();
        Latest = trials.Values
            .SelectMany(t => t.Curve.Select(p => new LatestReport(t.Number, p.Epoch, p.ValidationAccuracy, p.ReportedAt)))
            .MaxBy(r => r.At);
    }

    /// <summary>Raised after an update or a read changed anything.</summary>
    public event Action? Changed;

    /// <summary>What the store said when the page opened: name, dataset, sampler, scheduler, creation time.</summary>
    public CampaignSummary Summary { get; }

    public string Id => Summary.Id;

    public CampaignStatus Status { get; private set; }

    /// <summary>Why it ended, once it did.</summary>
    public string? Reason { get; private set; }

    public DateTimeOffset? StartedAt { get; private set; }

    public DateTimeOffset? EndedAt { get; private set; }

    /// <summary>Trial counts and epochs from the newest snapshot, against the budget (workers as read when the page opened).</summary>
    public CampaignProgress Progress { get; private set; }

    /// <summary>How many trials are known so far.</summary>
    public int TrialCount => trials.Count;

    /// <summary>Every trial known so far, by number.</summary>
    public IEnumerable<LiveTrial> Trials => trials.Values.OrderBy(t => t.Number);

    /// <summary>The trial with the highest validation accuracy so far (the lowest number among equals).</summary>
    public LiveTrial? Best { get; private set; }

    /// <summary>The newest epoch report.</summary>
    public LatestReport? Latest { get; private set; }

    /// <summary>Counts the changes; a view redraws when it moved.</summary>
    public long Version { get; private set; }

    public LiveTrial? Trial(int number) => trials.GetValueOrDefault(number);

    /// <summary>The running trials, by worker (then number).</summary>
    public IReadOnlyList<WorkerTrials> RunningByWorker() => [.. trials.Values
        .Where(t => t.Status == TrialStatus.Running)
        .GroupBy(t => t.WorkerId ?? "")
        .OrderBy(g => g.Key, StringComparer.Ordinal)
        .Select(g => new WorkerTrials(g.Key.Length == 0 ? null : g.Key, [.. g.OrderBy(t => t.Number)]))];

    /// <summary>
    /// The best validation accuracy reached by any trial against time: one point per improvement, in time order, and a
    /// last point at the newest report (or the end) so the line reaches now.
    /// </summary>
    public IReadOnlyList<BestSoFarPoint> BestSoFar()
    {
        var points = trials.Values
            .SelectMany(t => t.Curve.Select(p => (Trial: t.Number, Point: p)))
            .OrderBy(p => p.Point.ReportedAt)
            .ThenBy(p => p.Trial);
        var result = new List<BestSoFarPoint>();
        DateTimeOffset? last = null;
        foreach (var (trial, point) in points)
        {
            last = point.ReportedAt;
            if (result.Count > 0 && point.ValidationAccuracy <= result[^1].ValidationAccuracy) continue;
            result.Add(new BestSoFarPoint(point.ReportedAt, point.ValidationAccuracy, trial, point.Epoch));
        }
        var end = EndedAt is { } ended && ended > last ? ended : last;
        if (result.Count > 0 && end > result[^1].At) result.Add(result[^1] with { At = end.Value });
        return result;
    }

    /// <summary>Takes one live update; true when it changed anything (then <see cref="Changed"/> was raised).</summary>
    public bool Apply(CampaignUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        if (!string.Equals(update.CampaignId, Id, StringComparison.Ordinal)) return false;
        var changed = ApplySnapshot(update);
        if (update.TrialNumber is { } number)
        {
            var trial = TrialOf(number, ref changed);
            changed |= update.Kind switch
            {
                CampaignUpdateKind.TrialLeased => SetStatus(trial, update, TrialStatus.Running, update.WorkerId),
                CampaignUpdateKind.EpochReported => Report(trial, update),
                CampaignUpdateKind.TrialEnded => SetStatus(trial, update, update.TrialStatus is { } s && s.IsTerminal() ? s : TrialStatus.Complete, trial.WorkerId ?? update.WorkerId),
                CampaignUpdateKind.TrialReleased => SetStatus(trial, update, TrialStatus.Waiting, null),
                _ => false,
            };
        }
        if (update.Kind == CampaignUpdateKind.CampaignEnded)
        {
            changed |= End(update.Snapshot.IsTerminal ? update.Snapshot.State : CampaignStatus.Completed, update.Snapshot.Reason ?? update.Message, update.At);
        }
        return Announce(changed);
    }

    /// <summary>
    /// Takes what a later read of the store adds: curve points, sizes and sampler values of new trials, and trials that
    /// ended (a read can be older than the updates applied since, so it never moves a status backwards).
    /// </summary>
    public bool Merge(CampaignHistory history) => Announce(Merge(history, statuses: false));

    /// <summary>Takes the state of a summary read after the page opened, when it says the campaign ended.</summary>
    public bool Observe(CampaignSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return Announce(summary.Status.IsTerminal() && End(summary.Status, summary.Reason, summary.EndedAt ?? DateTimeOffset.UtcNow));
    }

    private bool Merge(CampaignHistory history, bool statuses)
    {
        var changed = false;
        StartedAt ??= history.StartedAt;
        foreach (var known in history.Trials)
        {
            var trial = TrialOf(known.Number, ref changed);
            if (trial.Macs != known.Macs || trial.ParameterCount != known.ParameterCount || trial.Params is null && known.Params is not null)
            {
                (trial.Macs, trial.ParameterCount, trial.Params) = (known.Macs, known.ParameterCount, known.Params);
                changed = true;
            }
            foreach (var point in known.Curve) changed |= trial.Record(point);
            if ((statuses || known.Status.IsTerminal()) && !trial.Status.IsTerminal() && trial.Status != known.Status)
            {
                trial.Status = known.Status;
                if (!known.Status.IsTerminal() && known.Status != TrialStatus.Running) trial.WorkerId = null;
                changed = true;
            }
        }
        if (changed) Best = FindBest();
        return changed;
    }

    private bool ApplySnapshot(CampaignUpdate update)
    {
        if (update.Sequence < snapshotSequence) return false;
        snapshotSequence = update.Sequence;
        var snapshot = update.Snapshot;
        var progress = Progress with
        {
            TrialsStarted = snapshot.TrialsStarted,
            TrialsRunning = snapshot.TrialsRunning,
            TrialsWaiting = snapshot.TrialsWaiting,
            TrialsComplete = snapshot.TrialsCompleted,
            TrialsPruned = snapshot.TrialsPruned,
            TrialsFailed = snapshot.TrialsFailed,
            TrialsRejected = snapshot.TrialsRejected,
            EpochsUsed = snapshot.EpochsReported,
        };
        var changed = progress != Progress;
        Progress = progress;
        if (!Status.IsTerminal() && update.Snapshot.State != Status)
        {
            Status = update.Snapshot.State;
            Reason = update.Snapshot.Reason;
            if (Status.IsTerminal()) EndedAt ??= update.At;
            changed = true;
        }
        return changed;
    }

    private static bool SetStatus(LiveTrial trial, CampaignUpdate update, TrialStatus status, string? workerId)
    {
        if (trial.Status.IsTerminal() || update.Sequence < trial.StatusSequence) return false;
        trial.StatusSequence = update.Sequence;
        if (trial.Status == status && trial.WorkerId == workerId) return false;
        (trial.Status, trial.WorkerId) = (status, workerId);
        return true;
    }

    private bool Report(LiveTrial trial, CampaignUpdate update)
    {
        if (update.Epoch is not { } epoch) return false;
        var changed = trial.Record(new CurvePoint(epoch.Epoch, update.Attempt ?? 1, epoch.ValidationAccuracy, update.At));
        // A report means it runs (a lease update that was dropped or is still on its way).
        if (trial.Status == TrialStatus.Waiting && update.Sequence >= trial.StatusSequence)
        {
            (trial.Status, trial.WorkerId, trial.StatusSequence) = (TrialStatus.Running, update.WorkerId, update.Sequence);
            changed = true;
        }
        if (Latest is null || update.At >= Latest.At)
        {
            var latest = new LatestReport(trial.Number, epoch.Epoch, epoch.ValidationAccuracy, update.At);
            changed |= latest != Latest;
            Latest = latest;
        }
        if (changed) Best = FindBest();
        return changed;
    }

    private bool End(CampaignStatus status, string? reason, DateTimeOffset at)
    {
        if (Status.IsTerminal() && EndedAt is not null) return false;
        (Status, Reason) = (status, reason ?? Reason);
        EndedAt ??= at;
        return true;
    }

    private LiveTrial? FindBest() => trials.Values
        .Where(t => t.BestValidationAccuracy is not null)
        .OrderByDescending(t => t.BestValidationAccuracy)
        .ThenBy(t => t.Number)
        .FirstOrDefault();

    private LiveTrial TrialOf(int number)
    {
        var changed = false;
        return TrialOf(number, ref changed);
    }

    private LiveTrial TrialOf(int number, ref bool changed)
    {
        if (trials.TryGetValue(number, out var trial)) return trial;
        changed = true;
        return trials[number] = new LiveTrial(number);
    }

    private bool Announce(bool changed)
    {
        if (!changed) return false;
        Version++;
        Changed?.Invoke();
        return true;
    }
}

/// <summary>The trials one worker runs now (<see cref="WorkerId"/> null: not known yet).</summary>
public sealed record WorkerTrials(string? WorkerId, IReadOnlyList<LiveTrial> Trials);

/// <summary>One step of the best-so-far line: from <see cref="At"/>, the best was trial <see cref="Trial"/>'s epoch.</summary>
public sealed record BestSoFarPoint(DateTimeOffset At, double ValidationAccuracy, int Trial, int Epoch);
