using NinSearch.Spec;
using NinSearch.Store.Entities;

namespace NinSearch.Store.Tests.Contract;

public abstract partial class CampaignStoreContract
{
    [Fact]
    public async Task Of_workers_racing_for_one_trial_exactly_one_wins()
    {
        var campaign = await NewCampaignAsync();
        var trial = await NewTrialAsync(campaign.Id, 0);
        var leases = Enumerable.Range(0, 8).Select(i => (Worker: $"w{i}", Lease: Guid.NewGuid())).ToList();

        var results = await Task.WhenAll(leases.Select(l =>
            Task.Run(() => Store.TryLeaseTrialAsync(trial.Id, l.Worker, l.Lease, T0.AddMinutes(1), T0))));

        Assert.Equal(1, results.Count(won => won));
        var winner = leases[Array.FindIndex(results, won => won.Leased)];
        var stored = await ReloadAsync(trial.Id);
        Assert.Equal((TrialStatus.Running, winner.Worker, winner.Lease, 1), (stored.Status, stored.WorkerId, stored.LeaseId, stored.Attempt));
        Assert.Equal(T0.AddMinutes(1), stored.LeaseExpiresAt);
        Assert.Equal(T0, stored.StartedAt);
    }

    [Fact]
    public async Task An_expired_lease_can_be_taken_over_and_the_old_holder_is_locked_out()
    {
        var campaign = await NewCampaignAsync();
        var trial = await NewTrialAsync(campaign.Id, 0);
        var oldLease = Guid.NewGuid();
        Assert.Equal(new TrialLeaseOutcome(true, false), await Store.TryLeaseTrialAsync(trial.Id, "w1", oldLease, T0.AddSeconds(30), T0));
        Assert.Equal(RecordEpochResult.Recorded, await Store.RecordEpochAsync(trial.Id, oldLease, Metric(1, 0.5)));

        var newLease = Guid.NewGuid();
        Assert.Equal(TrialLeaseOutcome.Refused, await Store.TryLeaseTrialAsync(trial.Id, "w2", newLease, T0.AddSeconds(90), T0.AddSeconds(29)));
        // The store says it took over an expired lease: the caller cannot tell that from a Waiting row by itself.
        Assert.Equal(new TrialLeaseOutcome(true, true), await Store.TryLeaseTrialAsync(trial.Id, "w2", newLease, T0.AddSeconds(90), T0.AddSeconds(31)));

        var stored = await ReloadAsync(trial.Id);
        Assert.Equal(("w2", newLease, 2, 1), (stored.WorkerId, stored.LeaseId, stored.Attempt, stored.FailedAttempts));
        Assert.Equal(T0, stored.StartedAt);

        Assert.Equal(RecordEpochResult.StaleLease, await Store.RecordEpochAsync(trial.Id, oldLease, Metric(2, 0.9)));
        Assert.False(await Store.FinishTrialAsync(trial.Id, oldLease, TrialStatus.Complete, null, 0.9, 10));
        Assert.False(await Store.ReleaseLeaseAsync(trial.Id, oldLease));
        Assert.False(await Store.SaveCheckpointAsync(trial.Id, oldLease, 2, CheckpointKind.Resume, new byte[] { 1 }));

        Assert.Equal(RecordEpochResult.Recorded, await Store.RecordEpochAsync(trial.Id, newLease, Metric(2, 0.6)));
        var metrics = await RawMetricsAsync(campaign.Id, trial.Id);
        Assert.Equal([(1, 1, 0.5), (2, 2, 0.6)], metrics.Select(m => (m.Epoch, m.Attempt, m.ValAccuracy)));
    }

    [Fact]
    public async Task Renewal_extends_only_the_named_unexpired_leases_of_the_worker()
    {
        var campaign = await NewCampaignAsync();
        var a = await NewTrialAsync(campaign.Id, 0);
        var b = await NewTrialAsync(campaign.Id, 1);
        var c = await NewTrialAsync(campaign.Id, 2);
        var d = await NewTrialAsync(campaign.Id, 3);
        var (w1, w2) = ($"w1-{Guid.NewGuid():N}", $"w2-{Guid.NewGuid():N}");
        var (la, lb, lc, ld) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        Assert.True(await Store.TryLeaseTrialAsync(a.Id, w1, la, T0.AddSeconds(30), T0));
        Assert.True(await Store.TryLeaseTrialAsync(b.Id, w1, lb, T0.AddSeconds(10), T0));
        Assert.True(await Store.TryLeaseTrialAsync(c.Id, w2, lc, T0.AddSeconds(30), T0));
        // w1 holds d too, but does not know it (the lease's reply was lost, or it dropped the trial): it never names it.
        Assert.True(await Store.TryLeaseTrialAsync(d.Id, w1, ld, T0.AddSeconds(30), T0));

        // b expired; c is w2's, whatever w1 claims.
        Assert.Equal(1, await Store.RenewLeasesAsync(w1, [la, lb, lc], T0.AddSeconds(80), T0.AddSeconds(20)));

        Assert.Equal(T0.AddSeconds(80), (await ReloadAsync(a.Id)).LeaseExpiresAt);
        Assert.Equal(T0.AddSeconds(10), (await ReloadAsync(b.Id)).LeaseExpiresAt);
        Assert.Equal(T0.AddSeconds(30), (await ReloadAsync(c.Id)).LeaseExpiresAt);
        Assert.Equal(T0.AddSeconds(30), (await ReloadAsync(d.Id)).LeaseExpiresAt);
    }

    [Fact]
    public async Task Renewal_never_moves_an_expiry_backwards()
    {
        var campaign = await NewCampaignAsync();
        var trial = await NewTrialAsync(campaign.Id, 0);
        var (worker, lease) = ($"w-{Guid.NewGuid():N}", Guid.NewGuid());
        Assert.True(await Store.TryLeaseTrialAsync(trial.Id, worker, lease, T0.AddSeconds(90), T0));

        // A delayed heartbeat computed its expiry from an older clock.
        await Store.RenewLeasesAsync(worker, [lease], T0.AddSeconds(40), T0.AddSeconds(10));

        Assert.Equal(T0.AddSeconds(90), (await ReloadAsync(trial.Id)).LeaseExpiresAt);
        Assert.Equal(1, await Store.RenewLeasesAsync(worker, [lease], T0.AddSeconds(120), T0.AddSeconds(20)));
        Assert.Equal(T0.AddSeconds(120), (await ReloadAsync(trial.Id)).LeaseExpiresAt);
    }

    [Fact]
    public async Task Release_returns_the_trial_to_waiting_and_the_next_lease_counts_another_attempt()
    {
        var campaign = await NewCampaignAsync();
        var (trial, lease) = await LeasedTrialAsync(campaign.Id, 0);

        Assert.True(await Store.ReleaseLeaseAsync(trial.Id, lease));
        Assert.False(await Store.ReleaseLeaseAsync(trial.Id, lease));
        var waiting = await ReloadAsync(trial.Id);
        Assert.Equal((TrialStatus.Waiting, (string?)null, (Guid?)null, 1), (waiting.Status, waiting.WorkerId, waiting.LeaseId, waiting.Attempt));

        Assert.True(await Store.TryLeaseTrialAsync(trial.Id, "w2", Guid.NewGuid(), T0.AddHours(2), T0.AddHours(1)));
        Assert.Equal(2, (await ReloadAsync(trial.Id)).Attempt);
    }

    [Fact]
    public async Task Concurrent_expiry_sweeps_return_each_expired_trial_exactly_once()
    {
        var campaign = await NewCampaignAsync();
        var expiring = new List<Guid>();
        for (var i = 0; i < 6; i++)
        {
            var trial = await NewTrialAsync(campaign.Id, i);
            var expiresAt = i < 4 ? T0.AddSeconds(10) : T0.AddHours(1);
            Assert.True(await Store.TryLeaseTrialAsync(trial.Id, $"w{i}", Guid.NewGuid(), expiresAt, T0));
            if (i < 4)
            {
                expiring.Add(trial.Id);
            }
        }

        var sweeps = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => Store.ExpireLeasesAsync(T0.AddSeconds(11)))));

        // Other test classes' campaigns share nothing with this one, but filter anyway: the sweep is global.
        var mine = sweeps.SelectMany(s => s).Where(expiring.Contains).ToList();
        Assert.Equal(expiring.Order(), mine.Order());
        Assert.Equal(TrialStatus.Waiting, (await ReloadAsync(expiring[0])).Status);
        Assert.Equal(4, (await Store.GetTrialsAsync(campaign.Id, TrialStatus.Waiting)).Count);
        Assert.Equal(2, (await Store.GetTrialsAsync(campaign.Id, TrialStatus.Running)).Count);
        Assert.DoesNotContain(await Store.ExpireLeasesAsync(T0.AddSeconds(11)), expiring.Contains);
    }

    [Fact]
    public async Task A_campaign_sweep_returns_only_that_campaigns_expired_trials()
    {
        var mine = await NewCampaignAsync();
        var other = await NewCampaignAsync();
        var (a, _) = await LeasedTrialAsync(mine.Id, 0);
        var (b, _) = await LeasedTrialAsync(other.Id, 0);

        Assert.Equal([a.Id], await Store.ExpireLeasesAsync(mine.Id, T0.AddHours(2)));
        Assert.Equal(TrialStatus.Running, (await ReloadAsync(b.Id)).Status);
        Assert.Equal([b.Id], await Store.ExpireLeasesAsync(other.Id, T0.AddHours(2)));
    }

    [Fact]
    public async Task A_trial_finishes_once_and_stays_in_its_terminal_state()
    {
        var campaign = await NewCampaignAsync();
        var (trial, lease) = await LeasedTrialAsync(campaign.Id, 0);
        await Assert.ThrowsAsync<ArgumentException>(() => Store.FinishTrialAsync(trial.Id, lease, TrialStatus.Waiting, null, null, null));

        Assert.True(await Store.FinishTrialAsync(trial.Id, lease, TrialStatus.Complete, null, 0.91, 12.5));
        Assert.False(await Store.FinishTrialAsync(trial.Id, lease, TrialStatus.Complete, null, 0.99, 99));
        Assert.False(await Store.FinishTrialAsync(trial.Id, lease, TrialStatus.Failed, "late failure", null, null));
        Assert.False(await Store.CloseTrialAsync(trial.Id, TrialStatus.Failed, "coordinator", T0.AddDays(1)));
        Assert.False(await Store.TryLeaseTrialAsync(trial.Id, "w2", Guid.NewGuid(), T0.AddDays(2), T0.AddDays(1)));
        Assert.Equal(RecordEpochResult.StaleLease, await Store.RecordEpochAsync(trial.Id, lease, Metric(1, 0.9)));
        Assert.DoesNotContain(trial.Id, await Store.ExpireLeasesAsync(T0.AddDays(1)));

        var done = await ReloadAsync(trial.Id);
        Assert.Equal((TrialStatus.Complete, 0.91, 12.5, (Guid?)null), (done.Status, done.TestAccuracy, done.TrainSeconds, done.LeaseId));
        Assert.Equal("w1", done.WorkerId);
        Assert.NotNull(done.EndedAt);
    }

    [Fact]
    public async Task A_finish_keeps_the_measured_inference_speed_and_a_worker_may_reject_a_too_slow_trial()
    {
        var campaign = await NewCampaignAsync();
        var (timed, timedLease) = await LeasedTrialAsync(campaign.Id, 0);
        var (untimed, untimedLease) = await LeasedTrialAsync(campaign.Id, 1);
        var (slow, slowLease) = await LeasedTrialAsync(campaign.Id, 2);

        Assert.True(await Store.FinishTrialAsync(timed.Id, timedLease, TrialStatus.Complete, null, 0.9, 30, new InferenceSpeedRow(0.42, 12_345)));
        Assert.True(await Store.FinishTrialAsync(untimed.Id, untimedLease, TrialStatus.Pruned, "rung 1", 0.7, 5));
        Assert.True(await Store.FinishTrialAsync(slow.Id, slowLease, TrialStatus.Rejected, "latency 3 ms exceeds max_latency_ms 1", null, null, new InferenceSpeedRow(3, 900)));

        var done = await ReloadAsync(timed.Id);
        Assert.Equal((0.42, 12_345.0), (done.LatencyMs, done.InferenceImagesPerSecond));
        var pruned = await ReloadAsync(untimed.Id);
        Assert.Equal((null, null), (pruned.LatencyMs, pruned.InferenceImagesPerSecond));
        var rejected = await ReloadAsync(slow.Id);
        Assert.Equal((TrialStatus.Rejected, 3.0, (Guid?)null), (rejected.Status, rejected.LatencyMs, rejected.LeaseId));
        Assert.NotNull(rejected.EndedAt);
    }

    [Fact]
    public async Task The_coordinator_closes_only_trials_no_worker_holds()
    {
        var campaign = await NewCampaignAsync();
        var waiting = await NewTrialAsync(campaign.Id, 0);
        var (held, _) = await LeasedTrialAsync(campaign.Id, 1);

        await Assert.ThrowsAsync<ArgumentException>(() => Store.CloseTrialAsync(waiting.Id, TrialStatus.Complete, null, T0));
        Assert.True(await Store.CloseTrialAsync(waiting.Id, TrialStatus.Failed, "too many attempts", T0));
        Assert.False(await Store.CloseTrialAsync(held.Id, TrialStatus.Failed, "cancelled", T0.AddMinutes(59)));
        Assert.True(await Store.CloseTrialAsync(held.Id, TrialStatus.Pruned, "cancelled", T0.AddMinutes(61)));

        Assert.Equal((TrialStatus.Failed, "too many attempts"), await StatusAsync(waiting.Id));
        Assert.Equal((TrialStatus.Pruned, "cancelled"), await StatusAsync(held.Id));
        // Closing over an expired lease ends that attempt as a failed one; a waiting trial had no attempt to fail.
        Assert.Equal((0, 1), ((await ReloadAsync(waiting.Id)).FailedAttempts, (await ReloadAsync(held.Id)).FailedAttempts));
    }

    [Fact]
    public async Task Failed_attempts_count_expiries_and_faulted_hand_backs_but_not_clean_releases()
    {
        var campaign = await NewCampaignAsync();
        var (trial, lease) = await LeasedTrialAsync(campaign.Id, 0);

        // A clean hand-back (shutdown) is not a failure.
        Assert.True(await Store.ReleaseLeaseAsync(trial.Id, lease));
        Assert.Equal((0, (string?)null), Failures(await ReloadAsync(trial.Id)));

        // A hand-back on a fault counts, once, and keeps why.
        var second = Guid.NewGuid();
        Assert.True(await Store.TryLeaseTrialAsync(trial.Id, "w2", second, T0.AddSeconds(30), T0));
        Assert.True(await Store.ReleaseFaultedLeaseAsync(trial.Id, second, "the cluster did not accept 'report'"));
        Assert.False(await Store.ReleaseFaultedLeaseAsync(trial.Id, second, "again"));
        Assert.Equal((1, "the cluster did not accept 'report'"), Failures(await ReloadAsync(trial.Id)));
        Assert.Equal(TrialStatus.Waiting, (await ReloadAsync(trial.Id)).Status);

        // An expiry found by the sweep counts.
        Assert.True(await Store.TryLeaseTrialAsync(trial.Id, "w3", Guid.NewGuid(), T0.AddSeconds(10), T0));
        Assert.Equal([trial.Id], await Store.ExpireLeasesAsync(campaign.Id, T0.AddSeconds(11)));
        Assert.Equal((2, "the lease of w3 expired"), Failures(await ReloadAsync(trial.Id)));

        // So does an expired lease taken over directly, and a lease of a waiting trial does not.
        Assert.True(await Store.TryLeaseTrialAsync(trial.Id, "w4", Guid.NewGuid(), T0.AddSeconds(20), T0.AddSeconds(12)));
        Assert.Equal(2, (await ReloadAsync(trial.Id)).FailedAttempts);
        Assert.True(await Store.TryLeaseTrialAsync(trial.Id, "w5", Guid.NewGuid(), T0.AddSeconds(60), T0.AddSeconds(21)));
        var taken = await ReloadAsync(trial.Id);
        Assert.Equal((3, 5, "w5"), (taken.FailedAttempts, taken.Attempt, taken.WorkerId));
    }

    [Fact]
    public async Task A_trials_own_end_is_not_a_failed_attempt()
    {
        var campaign = await NewCampaignAsync();
        foreach (var (end, number) in new[] { (TrialStatus.Complete, 0), (TrialStatus.Pruned, 1), (TrialStatus.Failed, 2) })
        {
            var (trial, lease) = await LeasedTrialAsync(campaign.Id, number);
            Assert.True(await Store.FinishTrialAsync(trial.Id, lease, end, null, null, null));
            var ended = await ReloadAsync(trial.Id);
            Assert.Equal((end, 0), (ended.Status, ended.FailedAttempts));
        }
    }

    private static (int, string?) Failures(Trial trial) => (trial.FailedAttempts, trial.Reason);

    private async Task<(TrialStatus, string?)> StatusAsync(Guid trialId)
    {
        var trial = await ReloadAsync(trialId);
        return (trial.Status, trial.Reason);
    }
}
