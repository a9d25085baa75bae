using NinSearch.Abstractions;
using NinSearch.Silo.Coordination;
using NinSearch.Silo.Search;
using NinSearch.Spec;
using NinSearch.Store.Entities;

namespace NinSearch.Silo.Tests.Coordination;

/// <summary>
/// The campaign's decisions, pure: no store, no clock, no grain. Each test builds a state from rows as the store would
/// hold them, asks for a decision and applies the outcome its write would have had.
/// </summary>
public sealed class CampaignStateTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    private static readonly WorkerResources Cpu = new(DeviceKind.Cpu, 0, 0, 2, 2);

    [Fact]
    public void Leases_take_trials_that_already_ran_first_then_by_number_and_never_one_reserved_by_another_lease()
    {
        var fresh = Row(0, TrialStatus.Waiting);
        var released = Row(1, TrialStatus.Waiting, attempt: 1);
        var expired = Row(2, TrialStatus.Running, attempt: 1, worker: "w0", expires: T0.AddSeconds(-1));
        var held = Row(3, TrialStatus.Running, attempt: 1, worker: "w1", expires: T0.AddSeconds(10));
        var state = Running(maxTrials: 10, fresh, released, expired, held);

        Assert.Equal([released.Id, expired.Id, fresh.Id], state.Leasable(T0));

        var plan = Assert.IsType<LeasePlan.Resume>(state.PlanResume(released.Id, "w2", Guid.NewGuid(), T0));
        Assert.Equal([expired.Id, fresh.Id], state.Leasable(T0));
        Assert.Null(state.PlanResume(released.Id, "w3", Guid.NewGuid(), T0));

        var resumed = state.ApplyResume(plan, WriteOutcome.Written)!;
        Assert.Equal((TrialStatus.Running, 2, "w2", false), (resumed.Trial.Status, resumed.Trial.Attempt, resumed.Trial.WorkerId, resumed.Reclaimed));
        Assert.Equal(released.Id, state.LeaseHolder(plan.LeaseId)!.Id);
    }

    [Fact]
    public void Taking_over_an_expired_lease_counts_a_failed_attempt_and_the_cap_gives_the_trial_up()
    {
        var expired = Row(0, TrialStatus.Running, attempt: 1, worker: "w0", expires: T0.AddSeconds(-1), failed: 1);
        var faulted = Row(1, TrialStatus.Waiting, attempt: 3, failed: 3, reason: "out of memory");
        var state = Running(maxTrials: 10, expired, faulted);

        var takeOver = Assert.IsType<LeasePlan.Resume>(state.PlanResume(expired.Id, "w1", Guid.NewGuid(), T0));
        Assert.Equal((true, "w0"), (takeOver.Reclaimed, takeOver.PreviousWorker));
        Assert.Equal(2, state.ApplyResume(takeOver, WriteOutcome.Written, tookOver: true)!.Trial.FailedAttempts);

        var giveUp = Assert.IsType<LeasePlan.GiveUp>(state.PlanResume(faulted.Id, "w1", Guid.NewGuid(), T0));
        Assert.Equal("gave up after 3 failed attempts; last: out of memory", giveUp.Reason);
        Assert.Equal(TrialStatus.Failed, state.ApplyGiveUp(giveUp, WriteOutcome.Written)!.Status);

        // An expired lease that reaches the cap is given up instead of leased, with the expiry as its last fault.
        var last = Running(maxTrials: 10, Row(0, TrialStatus.Running, attempt: 3, worker: "w9", expires: T0.AddSeconds(-1), failed: 2));
        var cap = Assert.IsType<LeasePlan.GiveUp>(last.PlanResume(last.Trials.Single().Id, "w1", Guid.NewGuid(), T0));
        Assert.Equal((3, "gave up after 3 failed attempts; last: the lease of w9 expired"), (cap.FailedAttempts, cap.Reason));
    }

    [Fact]
    public void A_takeover_whose_expired_lease_was_handed_back_meanwhile_counts_the_failure_once()
    {
        // Simulator seed 5385: the worker whose lease expired hands it back after a fault while a takeover of that lease
        // is in flight. The store applied the release first (one failed attempt) and then leased the Waiting row (none).
        var expiredLease = Guid.NewGuid();
        var expired = Row(0, TrialStatus.Running, attempt: 1, worker: "w0", expires: T0.AddSeconds(-1), lease: expiredLease);
        var state = Running(maxTrials: 10, expired);
        var takeOver = Assert.IsType<LeasePlan.Resume>(state.PlanResume(expired.Id, "w1", Guid.NewGuid(), T0));

        Assert.Equal(1, state.ApplyReleased(expired.Id, expiredLease, ReleaseCause.Fault, "out of memory")!.FailedAttempts);
        var resumed = state.ApplyResume(takeOver, WriteOutcome.Written, tookOver: false)!;

        Assert.Equal((1, false, 2), (resumed.Trial.FailedAttempts, resumed.Reclaimed, resumed.Trial.Attempt));
    }

    [Fact]
    public void A_takeover_that_found_the_row_waiting_counts_no_failure_though_memory_still_shows_the_expired_lease()
    {
        // Simulator seeds 21124, 26163, 66812: the worker's release of its expired lease committed, but its reply never
        // came; a takeover planned on memory's Running row then found the row Waiting, and the store counted no failure.
        var expired = Row(0, TrialStatus.Running, attempt: 1, worker: "w0", expires: T0.AddSeconds(-1));
        var state = Running(maxTrials: 10, expired);
        var takeOver = Assert.IsType<LeasePlan.Resume>(state.PlanResume(expired.Id, "w1", Guid.NewGuid(), T0));
        Assert.True(takeOver.Reclaimed);

        var resumed = state.ApplyResume(takeOver, WriteOutcome.Written, tookOver: false)!;

        Assert.Equal((0, false, 2, "w1"), (resumed.Trial.FailedAttempts, resumed.Reclaimed, resumed.Trial.Attempt, resumed.Trial.WorkerId));
    }

    [Fact]
    public void A_row_read_while_a_release_was_applied_is_not_taken()
    {
        // Simulator seed 89506: a renewal re-reads the row while the worker's release is in flight; the release lands
        // and is applied first, then the read returns the row as it was before it: Running, the same attempt.
        var lease = Guid.NewGuid();
        var running = Row(0, TrialStatus.Running, attempt: 1, worker: "w0", expires: T0.AddSeconds(20), lease: lease);
        var state = Running(maxTrials: 10, running);
        var changes = state.ChangesOf(running.Id);

        state.ApplyReleased(running.Id, lease, ReleaseCause.Shutdown, "stopping");

        Assert.False(state.Refresh(running, changes));
        Assert.Equal((TrialStatus.Waiting, null), (state.Trial(running.Id)!.Status, state.Trial(running.Id)!.LeaseId));
        Assert.True(state.Refresh(Row(0, TrialStatus.Waiting, attempt: 1, id: running.Id), state.ChangesOf(running.Id)));
    }

    [Fact]
    public void An_expiry_the_sweep_wrote_while_a_takeover_was_in_flight_counts_the_failure_once()
    {
        // Simulator seed 972: the sweep expired the lease first, so the takeover found the row Waiting (no failure).
        var expired = Row(0, TrialStatus.Running, attempt: 1, worker: "w0", expires: T0.AddSeconds(-1));
        var state = Running(maxTrials: 10, expired);
        var takeOver = Assert.IsType<LeasePlan.Resume>(state.PlanResume(expired.Id, "w1", Guid.NewGuid(), T0));

        Assert.Equal(TrialStatus.Waiting, state.ApplyExpired(expired.Id, T0)!.Status);
        var resumed = state.ApplyResume(takeOver, WriteOutcome.Written, tookOver: false)!;

        Assert.Equal((1, TrialStatus.Running, "w1"), (resumed.Trial.FailedAttempts, resumed.Trial.Status, resumed.Trial.WorkerId));
    }

    [Fact]
    public void A_give_up_that_counted_an_expired_lease_takes_the_stores_count_from_the_row()
    {
        // Simulator seed 117226: the lease was released (reply lost) before the give-up closed the row, which the store
        // then found Waiting and closed without counting the expiry that memory's plan counted.
        var expired = Row(0, TrialStatus.Running, attempt: 3, worker: "w9", expires: T0.AddSeconds(-1), failed: 2);
        var state = Running(maxTrials: 10, expired);
        var giveUp = Assert.IsType<LeasePlan.GiveUp>(state.PlanResume(expired.Id, "w1", Guid.NewGuid(), T0));
        Assert.Equal((3, true), (giveUp.FailedAttempts, giveUp.Expired));

        Assert.Equal(2, state.ApplyGiveUp(giveUp, WriteOutcome.Written)!.FailedAttempts);
        state.Refresh(Row(0, TrialStatus.Failed, attempt: 3, failed: 2, id: expired.Id));
        Assert.Equal(2, state.Trial(expired.Id)!.FailedAttempts);
        state.Refresh(Row(0, TrialStatus.Failed, attempt: 3, failed: 3, id: expired.Id));
        Assert.Equal(3, state.Trial(expired.Id)!.FailedAttempts);
    }

    [Fact]
    public void The_trial_budget_counts_creations_in_flight_and_ignores_rejected_candidates()
    {
        var state = Running(maxTrials: 2, Row(0, TrialStatus.Running, attempt: 1, worker: "w0", expires: T0.AddSeconds(20)));

        Assert.Equal(1, state.ReserveCreation(T0));
        Assert.Null(state.ReserveCreation(T0));   // the first creation still waits for its candidate
        Assert.Equal(0, state.TrialsLeftToCreate());
        state.CreationDrawn();
        state.ApplyRejected(state.PlanRejected(1, Guid.NewGuid(), new Candidate.Rejected("{}", "too big", 1, 1), T0));

        Assert.Equal(2, state.ReserveCreation(T0));
        state.CreationDrawn();
        var plan = state.PlanLeasedTrial(2, Guid.NewGuid(), Accepted(), "w1", Guid.NewGuid(), T0);
        Assert.Null(state.ReserveCreation(T0));   // tracked as running before its insert
        Assert.Equal(TrialStatus.Running, state.ApplyLeasedTrial(plan, WriteOutcome.Written)!.Status);
        Assert.Equal((3, 2, 1), (state.NextNumber, state.Snapshot().TrialsStarted, state.Snapshot().TrialsRejected));
    }

    [Fact]
    public void The_epoch_and_wall_clock_budgets_are_hard_limits()
    {
        var trial = Row(0, TrialStatus.Running, attempt: 1, worker: "w0", expires: T0.AddSeconds(20));
        var epochs = Budgeted(maxTrials: null, maxEpochs: 3, wallClock: null, trial);
        epochs.ApplyEpoch(trial.Id, Epoch(2));
        Assert.False(epochs.HardBudgetSpent(T0));
        Assert.NotNull(epochs.ReserveCreation(T0));
        epochs.CreationDrawn();
        epochs.ApplyEpoch(trial.Id, Epoch(3));
        Assert.Equal(3, epochs.EpochsUsed);
        Assert.True(epochs.HardBudgetSpent(T0));
        Assert.Null(epochs.ReserveCreation(T0));

        var wall = Budgeted(maxTrials: null, maxEpochs: null, wallClock: TimeSpan.FromMinutes(5));
        Assert.False(wall.HardBudgetSpent(T0.AddMinutes(5).AddTicks(-1)));
        Assert.True(wall.HardBudgetSpent(T0.AddMinutes(5)));
        Assert.Null(wall.ReserveCreation(T0.AddMinutes(5)));
        Assert.Equal("budget spent", wall.CompletionReason(T0.AddMinutes(5)));
    }

    [Fact]
    public void Ending_waits_for_the_leases_in_flight_and_a_second_end_joins_the_first()
    {
        var state = Running(maxTrials: 5);
        Assert.Equal(LeaseAdmission.Admit, state.AdmitLease(Cpu));

        Assert.Equal(EndStep.Begin, state.RequestEnd());
        Assert.True(state.EndWaitsForLeases);
        Assert.Equal(LeaseAdmission.JoinEnd, state.AdmitLease(Cpu));   // no lease starts once the end began
        Assert.Null(state.ReserveCreation(T0));                        // nor does the one in flight create a trial
        Assert.Equal(EndStep.Join, state.RequestEnd());

        Assert.True(state.LeaseDone());
        Assert.False(state.EndWaitsForLeases);
        // The store failed part-way: not ended, the next request begins again.
        state.EndFinished(ended: false);
        Assert.Equal(LeaseAdmission.Admit, state.AdmitLease(Cpu));
        state.LeaseDone();
        Assert.Equal(EndStep.Begin, state.RequestEnd());
        state.EndFinished(ended: true);
        Assert.Equal(EndStep.AlreadyEnded, state.RequestEnd());
        Assert.Equal(LeaseAdmission.JoinEnd, state.AdmitLease(Cpu));
    }

    [Fact]
    public void An_ambiguous_insert_stays_counted_until_the_store_says_whether_it_committed()
    {
        var state = Running(maxTrials: 1);
        var number = state.ReserveCreation(T0)!.Value;
        state.CreationDrawn();
        var plan = state.PlanLeasedTrial(number, Guid.NewGuid(), Accepted(), "w1", Guid.NewGuid(), T0);
        Assert.Null(state.ApplyLeasedTrial(plan, WriteOutcome.Ambiguous));
        Assert.Equal(1, state.Snapshot().TrialsRunning);
        Assert.Null(state.CompletionReason(T0));
        Assert.Null(state.LeaseHolder(plan.LeaseId));   // nobody was handed the lease

        // Committed: adopted as the store has it; its lease, which nobody holds, expires and the trial resumes.
        var committed = Row(number, TrialStatus.Running, attempt: 1, worker: "w1", expires: plan.Expires, id: plan.Row.Id, lease: plan.LeaseId);
        Assert.True(state.ResolveAmbiguous(plan, committed));
        Assert.Null(state.ReserveCreation(T0));
        Assert.Equal([committed.Id], state.Leasable(plan.Expires.AddTicks(1)));

        // Not committed: forgotten, and its number is not reused.
        var other = Running(maxTrials: 1);
        var n = other.ReserveCreation(T0)!.Value;
        other.CreationDrawn();
        var lost = other.PlanLeasedTrial(n, Guid.NewGuid(), Accepted(), "w1", Guid.NewGuid(), T0);
        other.ApplyLeasedTrial(lost, WriteOutcome.Ambiguous);
        Assert.False(other.ResolveAmbiguous(lost, null));
        Assert.Empty(other.Trials);
        Assert.Equal(1, other.ReserveCreation(T0));
    }

    [Fact]
    public void A_refused_write_takes_the_row_the_store_has()
    {
        var trial = Row(0, TrialStatus.Waiting, attempt: 1);
        var state = Running(maxTrials: 1, trial);
        var plan = Assert.IsType<LeasePlan.Resume>(state.PlanResume(trial.Id, "w1", Guid.NewGuid(), T0));
        Assert.Null(state.ApplyResume(plan, WriteOutcome.Refused));
        Assert.Null(state.LeaseHolder(plan.LeaseId));

        // Another activation leased it meanwhile: its lease is the current one here too.
        var theirs = Guid.NewGuid();
        state.Refresh(Row(0, TrialStatus.Running, attempt: 2, worker: "w2", expires: T0.AddSeconds(30), id: trial.Id, lease: theirs));
        Assert.Equal((trial.Id, "w2"), (state.LeaseHolder(theirs)!.Id, state.LeaseHolder(theirs)!.WorkerId));
        Assert.Empty(state.Leasable(T0));

        // A renewal by the worker that lost it is refused; the holder's extends its lease.
        Assert.Equal([plan.LeaseId], state.PlanRenewal("w1", [plan.LeaseId], T0).Lost);
        var renewal = state.PlanRenewal("w2", [theirs], T0.AddSeconds(10));
        Assert.Equal([theirs], renewal.Held);
        state.ApplyRenewal(renewal, renewal.Held);
        Assert.Equal(T0.AddSeconds(40), state.Trial(trial.Id)!.LeaseExpiresAt);
    }

    [Fact]
    public void A_row_read_before_a_write_memory_applied_since_changes_nothing_and_a_duplicate_release_counts_once()
    {
        var lease = Guid.NewGuid();
        var running = Row(0, TrialStatus.Running, attempt: 1, worker: "w1", expires: T0.AddSeconds(30), lastEpoch: 1, lease: lease);
        var state = Running(maxTrials: 10, running);

        // A finish is applied, then the reply of a read sent before it arrives: memory stays Pruned.
        state.ApplyFinished(running.Id, lease, TrialStatus.Pruned);
        state.Refresh(running);
        Assert.Equal(TrialStatus.Pruned, state.Trial(running.Id)!.Status);

        // Two deliveries of one faulted hand-back: the loser refreshes from the released row, the winner applies after it.
        var second = Row(1, TrialStatus.Running, attempt: 1, worker: "w1", expires: T0.AddSeconds(30), lease: lease);
        state = Running(maxTrials: 10, second);
        state.Refresh(Row(1, TrialStatus.Waiting, attempt: 1, failed: 1, reason: "oom", id: second.Id));
        Assert.Equal(1, state.ApplyReleased(second.Id, lease, ReleaseCause.Fault, "oom")!.FailedAttempts);
    }

    [Fact]
    public void Closing_a_trial_whose_lease_expired_takes_the_stores_count_of_the_expiry_from_the_row()
    {
        // Simulator seed 747336: whether the store counted an expiry depends on the lease its row held when it closed,
        // which memory may not know; memory counts none and takes the count from the closed row.
        var expired = Row(0, TrialStatus.Running, attempt: 1, worker: "w0", expires: T0.AddSeconds(-1), failed: 1);
        var stopped = Row(1, TrialStatus.Running, attempt: 1, worker: "w1", expires: T0.AddSeconds(-1), failed: 1);
        var state = Running(maxTrials: 2, expired, stopped);

        Assert.Equal((TrialStatus.Pruned, 1), Fields(state.ApplyClosed(expired.Id, TrialStatus.Pruned, closedAt: T0)!));
        state.Refresh(Row(0, TrialStatus.Pruned, attempt: 1, failed: 2, id: expired.Id));
        Assert.Equal((TrialStatus.Pruned, 2), Fields(state.Trial(expired.Id)!));
        Assert.Equal((TrialStatus.Pruned, 1), Fields(state.ApplyClosed(stopped.Id, TrialStatus.Pruned, closedAt: null)!));
        Assert.Null(state.LeaseHolder(expired.LeaseId!.Value));

        static (TrialStatus, int) Fields(TrialSlotView trial) => (trial.Status, trial.FailedAttempts);
    }

    [Fact]
    public void A_state_rebuilt_from_the_rows_has_the_same_digest()
    {
        var rows = new[]
        {
            Row(0, TrialStatus.Complete, attempt: 1, lastEpoch: 3),
            Row(1, TrialStatus.Running, attempt: 2, worker: "w1", expires: T0.AddSeconds(5), failed: 1, lastEpoch: 1),
            Row(2, TrialStatus.Rejected),
        };
        var before = Running(maxTrials: 5, rows);
        var after = Running(maxTrials: 5, rows);
        Assert.Equal(before.Digest(), after.Digest());
        Assert.Equal((3, 4L), (before.NextNumber, before.EpochsUsed));

        before.ApplyEpoch(rows[1].Id, Epoch(2));
        Assert.NotEqual(before.Digest(), after.Digest());
    }

    private static CampaignState Running(int? maxTrials, params Trial[] rows) => Budgeted(maxTrials, null, null, rows);

    private static CampaignState Budgeted(int? maxTrials, long? maxEpochs, TimeSpan? wallClock, params Trial[] rows)
    {
        var definition = new CampaignDefinition("test", "fashion-mnist", "{}", new CampaignBudget(maxTrials, maxEpochs, wallClock), ResourceRequest.OneCpu);
        var state = new CampaignState("c", Lease, maxFailedAttempts: 3);
        state.Load(new Campaign { Id = "c", Name = "test", SpecJson = "{}", Status = CampaignStatus.Running, StartedAt = T0, Version = 1 }, definition, rows);
        return state;
    }

    private static Trial Row(int number, TrialStatus status, int attempt = 0, string? worker = null, DateTimeOffset? expires = null,
        int failed = 0, string? reason = null, int? lastEpoch = null, Guid? id = null, Guid? lease = null) => new()
    {
        Id = id ?? Guid.NewGuid(),
        CampaignId = "c",
        Number = number,
        ConfigJson = "{}",
        Status = status,
        Attempt = attempt,
        WorkerId = worker,
        LeaseId = status == TrialStatus.Running ? lease ?? Guid.NewGuid() : null,
        LeaseExpiresAt = expires,
        FailedAttempts = failed,
        Reason = reason,
        LastEpoch = lastEpoch,
    };

    private static Candidate.Accepted Accepted() => new(new TrialConfig(Presets.Small, TrainingRecipe.Default), 1, 1);

    private static EpochMetrics Epoch(int epoch) => new(epoch, 0.5, 0.5, 0.5, 0.5, 1.0);
}
