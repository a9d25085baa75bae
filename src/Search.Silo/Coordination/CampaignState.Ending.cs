using NinSearch.Spec;
using NinSearch.Store.Entities;

namespace NinSearch.Silo.Coordination;

public sealed partial class CampaignState
{
    // Set by the end that begins, and kept once it succeeded: no lease starts from then on.
    private bool _ending;
    private bool _endInProgress;

    /// <summary>An end has begun (and is under way, or succeeded): leases join it instead of starting.</summary>
    public bool Ending => _ending;

    /// <summary>Whether new trials may be sampled: the search has more and no budget limit (trials with creations in flight, epochs, wall clock) is reached.</summary>
    public bool CanCreateTrials(DateTimeOffset now)
    {
        var budget = Definition!.Budget;
        var started = _tally.Total - _tally.Count(TrialStatus.Rejected) + _creating;
        return !_searchExhausted && (budget.MaxTrials is not { } max || started < max) && !HardBudgetSpent(now);
    }

    /// <summary>The epoch or wall-clock budget is spent: running trials are stopped and waiting ones closed.</summary>
    public bool HardBudgetSpent(DateTimeOffset now)
    {
        var budget = Definition!.Budget;
        if (budget.MaxEpochs is { } epochs && EpochsUsed >= epochs) return true;
        return budget.MaxWallClock is { } wall && _campaign!.StartedAt is { } started && now - started >= wall;
    }

    /// <summary>
    /// Why the campaign completes now, or null while it goes on: it completes once no new trial may start and none is
    /// waiting, running or being created (a lease still waiting for its candidate is about to start one).
    /// </summary>
    public string? CompletionReason(DateTimeOffset now)
    {
        if (!IsRunning || CanCreateTrials(now)) return null;
        if (_tally.Count(TrialStatus.Waiting) + _tally.Count(TrialStatus.Running) + _creating > 0) return null;
        return _searchExhausted ? "search exhausted" : "budget spent";
    }

    /// <summary>Waiting trials to close (<c>CloseTrialAsync</c>); one being leased now is left to that lease's conditional write.</summary>
    public IReadOnlyList<Guid> WaitingToClose() => _tally.Count(TrialStatus.Waiting) == 0
        ? []
        : [.. _trials.Values.Where(t => t.Status == TrialStatus.Waiting && !t.Leasing).Select(t => t.Id)];

    /// <summary>Running trials whose lease expired by <paramref name="now"/> and that no lease call is writing: those a sweep returns to waiting.</summary>
    public IReadOnlyList<Guid> ExpiredRunning(DateTimeOffset now) =>
        [.. _trials.Values.Where(t => t.Status == TrialStatus.Running && !t.Leasing && t.LeaseExpiresAt < now).Select(t => t.Id)];

    /// <summary>Running trials an end stops (with their lease, <c>FinishTrialAsync</c>, else <c>CloseTrialAsync</c>), with their current lease.</summary>
    public IReadOnlyList<(Guid TrialId, Guid? LeaseId)> RunningToStop() =>
        [.. _trials.Values.Where(t => t.Status == TrialStatus.Running).Select(t => (t.Id, t.LeaseId))];

    /// <summary>
    /// The coordinator closed or stopped the trial (written): it is <paramref name="status"/>, with no lease. When the
    /// write was <c>CloseTrialAsync</c> (<paramref name="closedAt"/> set), the store counted a failed attempt if its row
    /// held an expired lease, which memory cannot know (a lease it never heard of, an expiry whose reply was lost):
    /// memory counts none, and the caller re-reads the closed row, whose count is never below memory's.
    /// </summary>
    public TrialSlotView? ApplyClosed(Guid trialId, TrialStatus status, DateTimeOffset? closedAt)
    {
        if (!_trials.TryGetValue(trialId, out var slot)) return null;
        // A refresh already took the closed row (terminal is final): the expiry it counted is counted.
        if (slot.IsTerminal) return slot.View();
        if (slot.LeaseId is { } old) _byLease.Remove(old);
        slot.Status = status;
        slot.LeaseId = null;
        return slot.View();
    }

    /// <summary>A request to end the campaign: the first begins it, one under way is joined, a finished one is not redone.</summary>
    public EndStep RequestEnd()
    {
        if (_endInProgress) return EndStep.Join;
        if (_ending) return EndStep.AlreadyEnded;
        _ending = _endInProgress = true;
        return EndStep.Begin;
    }

    /// <summary>The end must wait until no lease is in flight (<see cref="LeaseDone"/> says when the last finished).</summary>
    public bool EndWaitsForLeases => _leasesInFlight > 0;

    /// <summary>
    /// The end that began is over: <paramref name="ended"/> when the terminal row was saved. Otherwise (the store
    /// threw part-way, or another activation owns the row) what was written stays written and the next request
    /// begins it again; left set, the flag would answer every later call at once and keep the campaign Running for good.
    /// </summary>
    public void EndFinished(bool ended)
    {
        _endInProgress = false;
        if (!ended) _ending = false;
    }

    /// <summary>The campaign row's save to <paramref name="status"/>, conditional on the version memory last saw.</summary>
    public CampaignSave PlanSave(CampaignStatus status, string? reason) =>
        new(status, reason, NextNumber, EpochsUsed, _campaign!.Version);

    /// <summary>
    /// The save was written, as <paramref name="version"/>; <paramref name="requested"/> is when it was sent. A first
    /// Running save starts the wall clock then: the row's start (the commit) is no earlier, so memory's deadline never
    /// runs past the stored one.
    /// </summary>
    public void ApplySaved(CampaignSave plan, long version, DateTimeOffset requested)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var campaign = _campaign!;
        campaign.Version = version;
        campaign.Status = plan.Status;
        campaign.Reason = plan.Reason;
        campaign.StartedAt ??= plan.Status == CampaignStatus.Running ? requested : null;
    }

    /// <summary>A save was refused: memory takes the row the store has (another activation, or an end already written, changed it).</summary>
    public void RefreshCampaign(Campaign stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        _campaign = CampaignRow.From(stored);
    }
}
