using NinSearch.Abstractions;
using NinSearch.Silo.Search;
using NinSearch.Spec;
using NinSearch.Store;
using NinSearch.Store.Entities;

namespace NinSearch.Silo.Coordination;

public sealed partial class CampaignCoordinator
{
    // Candidates drawn ahead of the leases (see CandidateBuffer): enough to absorb a burst of leases while the next
    // draws run, few enough that the drawn-but-unleased trials the sampler counts as pending stay a handful.
    private const int CandidatesAhead = 4;
    private CandidateBuffer? _candidates;
    private Task? _endTask;
    private TaskCompletionSource? _leasesDrained;

    /// <summary>Leases the next trial that fits <paramref name="free"/> (see <see cref="ICampaignGrain.TryLeaseAsync"/>).</summary>
    public async Task<TrialLease?> TryLeaseAsync(string workerId, WorkerResources free)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workerId);
        switch (State.AdmitLease(free))
        {
            case LeaseAdmission.JoinEnd:
                if (_endTask is { } ending) await ending;
                return null;
            case LeaseAdmission.Refuse:
                return null;
        }
        TrialLease? lease;
        try
        {
            lease = await LeaseCoreAsync(workerId);
        }
        finally
        {
            if (State.LeaseDone()) _leasesDrained?.TrySetResult();
        }
        if (lease is not null) return lease;
        // Ending waits for leases in flight, so it runs only outside the counted section above.
        if (State.Failure is { } failure)
        {
            await EndAsync(CampaignStatus.Failed, failure);
            return null;
        }
        if (State.IsRunning && State.HardBudgetSpent(Now)) await CloseWaitingAsync("campaign budget spent");
        await MaybeCompleteAsync();
        return null;
    }

    private async Task<TrialLease?> LeaseCoreAsync(string workerId)
    {
        var now = Now;
        if (State.HardBudgetSpent(now)) return null;

        foreach (var trialId in State.Leasable(now))
        {
            switch (State.PlanResume(trialId, workerId, NewId(), now))
            {
                case null:
                    continue;   // taken by a lease that interleaved
                case LeasePlan.GiveUp giveUp:
                    await GiveUpAsync(giveUp);
                    continue;
                case LeasePlan.Resume resume:
                    if (await ResumeAsync(resume) is { } lease) return lease;
                    break;
            }
            if (!State.IsRunning || State.Ending) return null;
        }

        while (State.ReserveCreation(now) is { } number)
        {
            var lease = await CreateLeasedTrialAsync(number, workerId, now);
            if (lease is not null) return lease;
        }
        return null;
    }

    private async Task<TrialLease?> ResumeAsync(LeasePlan.Resume plan)
    {
        TrialLeaseOutcome leased;
        try
        {
            leased = await _store.TryLeaseTrialAsync(plan.TrialId, plan.WorkerId, plan.LeaseId, plan.Expires, plan.Now);
        }
        catch
        {
            State.ApplyResume(plan, WriteOutcome.Ambiguous);
            await ReconcileAsync(plan.TrialId);
            throw;
        }
        if (State.ApplyResume(plan, leased ? WriteOutcome.Written : WriteOutcome.Refused, leased.TookOver) is not { } resumed)
        {
            await RefreshAsync(plan.TrialId);
            return null;
        }
        // Memory planned a takeover but the store found the row Waiting: a release or an expiry of that lease committed
        // first, and its reply may not have come (or ever come). The row says how many failed attempts it counted.
        if (plan.Reclaimed && !leased.TookOver) await ReconcileAsync(plan.TrialId);
        if (resumed.Reclaimed)
        {
            // The sweep logs the expiries it finds; an expired lease taken over before the sweep saw it is the same fault.
            LogLeaseTakenOver(CampaignId, plan.Number, plan.PreviousWorker, plan.WorkerId);
            _instruments.LeaseExpiries.Add(1);
            await AddEventAsync(CampaignEventKind.LeaseExpired, $"trial {plan.Number}: lease of {plan.PreviousWorker} expired", plan.TrialId);
        }
        if (resumed.NeedsCheckpointEpoch)
            State.SetCheckpointEpoch(plan.TrialId, (await _store.LoadLatestCheckpointAsync(plan.TrialId, CheckpointKind.Resume))?.Epoch);
        _instruments.TrialsLeased.Add(1);
        Publish(CampaignUpdateKind.TrialLeased, State.Trial(plan.TrialId));
        return State.ToLease(plan.TrialId, plan.LeaseId, plan.Expires);
    }

    /// <summary>Fails a trial whose attempts keep failing, keeping the last fault as the reason.</summary>
    private async Task GiveUpAsync(LeasePlan.GiveUp plan)
    {
        bool closed;
        try
        {
            closed = await _store.CloseTrialAsync(plan.TrialId, TrialStatus.Failed, plan.Reason, plan.Now);
        }
        catch
        {
            State.ApplyGiveUp(plan, WriteOutcome.Ambiguous);
            await ReconcileAsync(plan.TrialId);
            if (State.Trial(plan.TrialId) is { Status: TrialStatus.Failed } failedAnyway)
                _search!.Tell(failedAnyway.Number, TrialStatus.Failed, failedAnyway.BestValAccuracy, failedAnyway.LastEpoch ?? 0);
            throw;
        }
        if (State.ApplyGiveUp(plan, closed ? WriteOutcome.Written : WriteOutcome.Refused) is not { } failed)
        {
            await RefreshAsync(plan.TrialId);
            return;
        }
        if (plan.Expired)
        {
            // Whether the store counted the expired lease depends on what committed first: the row says.
            await ReconcileAsync(plan.TrialId);
            failed = State.Trial(plan.TrialId) ?? failed;
        }
        Publish(CampaignUpdateKind.TrialEnded, failed, message: plan.Reason);
        _search!.Tell(failed.Number, TrialStatus.Failed, failed.BestValAccuracy, failed.LastEpoch ?? 0);
        _instruments.TrialsFailed.Add(1);
        LogTrialGivenUp(CampaignId, plan.Number, plan.Reason);
        await AddEventAsync(CampaignEventKind.TrialFailed, $"trial {plan.Number} failed: {plan.Reason}", plan.TrialId);
    }

    /// <summary>
    /// Samples trial <paramref name="number"/> (reserved) and stores it already leased to <paramref name="workerId"/>
    /// (one store write); null when it was rejected by the constraints or the search is exhausted.
    /// </summary>
    private async Task<TrialLease?> CreateLeasedTrialAsync(int number, string workerId, DateTimeOffset now)
    {
        // The candidate was drawn ahead, off this turn, when the buffer had it; the next ones start drawing now.
        Candidate candidate;
        try
        {
            _candidates ??= new CandidateBuffer(_search!, CandidatesAhead, _drawScheduler);
            var draw = _candidates.Take(number);
            _candidates.Fill(State.NextNumber, State.TrialsLeftToCreate());
            candidate = draw.IsCompletedSuccessfully ? draw.Result : await draw;
        }
        finally
        {
            State.CreationDrawn();
        }
        switch (candidate)
        {
            case Candidate.Exhausted exhausted:
                State.ApplyExhausted(number);
                _candidates!.Clear();
                await AddEventAsync(CampaignEventKind.Info, $"search exhausted: {exhausted.Reason}");
                return null;
            case Candidate.Rejected rejected:
                await AddRejectedAsync(State.PlanRejected(number, NewId(), rejected, Now));
                return null;
        }
        var plan = State.PlanLeasedTrial(number, NewId(), (Candidate.Accepted)candidate, workerId, NewId(), now);
        bool added;
        try
        {
            added = await _store.AddLeasedTrialAsync(plan.Row, plan.WorkerId, plan.LeaseId, plan.Expires, plan.Now);
        }
        catch
        {
            // Ambiguous: the write may have committed before the error (a timeout, a connection lost after the commit).
            State.ApplyLeasedTrial(plan, WriteOutcome.Ambiguous);
            await ResolveAmbiguousAsync(plan);
            throw;
        }
        if (State.ApplyLeasedTrial(plan, added ? WriteOutcome.Written : WriteOutcome.Refused) is not { } leased)
        {
            // Another activation of this campaign created this number: this one is stale.
            LogStaleCampaignRow(CampaignId, State.Status);
            _host.Deactivate();
            throw new InvalidOperationException($"campaign {CampaignId}: trial number {number} already exists; retry");
        }
        // The trial row alone records the creation: activation recounts trials and rebuilds the search from the rows.
        _instruments.TrialsLeased.Add(1);
        Publish(CampaignUpdateKind.TrialLeased, leased);
        return State.ToLease(plan.Row.Id, plan.LeaseId, plan.Expires);
    }

    /// <summary>
    /// After an insert whose outcome is unknown, the store decides (<see cref="CampaignState.ResolveAmbiguous"/>). If
    /// even the read fails, the trial stays counted as running and this activation retires, so the next one rebuilds
    /// from the store.
    /// </summary>
    private async Task ResolveAmbiguousAsync(TrialInsert.Leased plan)
    {
        Trial? row;
        try
        {
            row = await _store.GetTrialAsync(plan.Row.Id);
        }
        catch (Exception e)
        {
            LogAmbiguousWriteUnresolved(CampaignId, plan.Row.Number, e);
            _host.Deactivate();
            return;
        }
        if (State.ResolveAmbiguous(plan, row)) LogAdoptedTrial(CampaignId, plan.Row.Number);
        else _search!.Tell(plan.Row.Number, TrialStatus.Failed, null, 0);
    }

    private async Task AddRejectedAsync(TrialInsert.Rejected plan)
    {
        var trial = plan.Row;
        bool added;
        try
        {
            added = await _store.AddTrialAsync(trial);
        }
        catch
        {
            // Ambiguous: a committed row must be tracked (it counts as a rejection in a row), a missing one frees its number.
            await ResolveAmbiguousRejectedAsync(plan);
            throw;
        }
        if (!added)
        {
            LogStaleCampaignRow(CampaignId, State.Status);
            _host.Deactivate();
            throw new InvalidOperationException($"campaign {CampaignId}: trial number {trial.Number} already exists; retry");
        }
        var rejected = State.ApplyRejected(plan);
        Publish(CampaignUpdateKind.TrialEnded, rejected, message: trial.Reason);
        _search!.Tell(trial.Number, TrialStatus.Rejected, null, 0);
        _instruments.TrialsRejected.Add(1);
        await AddEventAsync(CampaignEventKind.TrialRejected, $"trial {trial.Number} rejected: {trial.Reason}", trial.Id);
    }

    private async Task ResolveAmbiguousRejectedAsync(TrialInsert.Rejected plan)
    {
        try
        {
            if (await _store.GetTrialAsync(plan.Row.Id) is null) return;
        }
        catch (Exception e)
        {
            LogAmbiguousWriteUnresolved(CampaignId, plan.Row.Number, e);
            _host.Deactivate();
            return;
        }
        State.ApplyRejected(plan);
        _search!.Tell(plan.Row.Number, TrialStatus.Rejected, null, 0);
    }
}
