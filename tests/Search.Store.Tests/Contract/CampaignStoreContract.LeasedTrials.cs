using NinSearch.Spec;
using NinSearch.Store.Entities;

namespace NinSearch.Store.Tests.Contract;

public abstract partial class CampaignStoreContract
{
    private static Trial Unsaved(string campaignId, int number) => new()
    {
        Id = Guid.NewGuid(),
        CampaignId = campaignId,
        Number = number,
        ConfigJson = """{"seed":1}""",
        Status = TrialStatus.Rejected,
        Reason = "ignored",
        Attempt = 7,
        FailedAttempts = 3,
        RequiredGpus = 1,
        CreatedAt = T0.AddSeconds(-5),
        Params = 1234,
        Macs = 56_789,
    };

    [Fact]
    public async Task A_trial_added_leased_is_running_under_its_lease_with_attempt_one()
    {
        var campaign = await NewCampaignAsync();
        var trial = Unsaved(campaign.Id, 0);
        var lease = Guid.NewGuid();

        Assert.True(await Store.AddLeasedTrialAsync(trial, "w1", lease, T0.AddMinutes(1), T0));

        var stored = await ReloadAsync(trial.Id);
        Assert.Equal((TrialStatus.Running, "w1", lease, 1), (stored.Status, stored.WorkerId, stored.LeaseId, stored.Attempt));
        Assert.Equal((T0.AddMinutes(1), T0, T0.AddSeconds(-5)), (stored.LeaseExpiresAt, stored.StartedAt, stored.CreatedAt));
        Assert.Equal((0, 1, 1234L, 56_789L), (stored.Number, stored.RequiredGpus, stored.Params, stored.Macs));
        Assert.Null(stored.Reason);
        Assert.Null(stored.EndedAt);
        Assert.Equal(0, stored.FailedAttempts);
        Assert.Equal(TrialStatus.Rejected, trial.Status); // the argument is not modified
    }

    [Fact]
    public async Task A_trial_added_leased_behaves_as_a_leased_trial()
    {
        var campaign = await NewCampaignAsync();
        var trial = Unsaved(campaign.Id, 0);
        var lease = Guid.NewGuid();
        Assert.True(await Store.AddLeasedTrialAsync(trial, "w1", lease, T0.AddSeconds(30), T0));

        Assert.Equal(RecordEpochResult.StaleLease, await Store.RecordEpochAsync(trial.Id, Guid.NewGuid(), Metric(1, 0.5)));
        Assert.Equal(RecordEpochResult.Recorded, await Store.RecordEpochAsync(trial.Id, lease, Metric(1, 0.5)));
        Assert.Equal(RecordEpochResult.Duplicate, await Store.RecordEpochAsync(trial.Id, lease, Metric(1, 0.5)));
        Assert.False(await Store.TryLeaseTrialAsync(trial.Id, "w2", Guid.NewGuid(), T0.AddSeconds(90), T0.AddSeconds(29)));
        Assert.Equal([trial.Id], await Store.ExpireLeasesAsync(campaign.Id, T0.AddSeconds(31)));
        Assert.False(await Store.FinishTrialAsync(trial.Id, lease, TrialStatus.Complete, null, 0.9, 1));

        var stored = await ReloadAsync(trial.Id);
        Assert.Equal((TrialStatus.Waiting, 1, 1), (stored.Status, stored.Attempt, stored.LastEpoch));
    }

    [Fact]
    public async Task Adding_a_leased_trial_twice_or_with_a_taken_number_changes_nothing()
    {
        var campaign = await NewCampaignAsync();
        var trial = Unsaved(campaign.Id, 0);
        var lease = Guid.NewGuid();
        Assert.True(await Store.AddLeasedTrialAsync(trial, "w1", lease, T0.AddMinutes(1), T0));

        Assert.False(await Store.AddLeasedTrialAsync(trial, "w2", Guid.NewGuid(), T0.AddMinutes(2), T0));
        var sameNumber = Unsaved(campaign.Id, 0);
        Assert.False(await Store.AddLeasedTrialAsync(sameNumber, "w3", Guid.NewGuid(), T0.AddMinutes(3), T0));
        Assert.False(await Store.AddTrialAsync(Unsaved(campaign.Id, 0)));

        Assert.Null(await Store.GetTrialAsync(sameNumber.Id));
        var stored = await ReloadAsync(trial.Id);
        Assert.Equal(("w1", lease, 1), (stored.WorkerId, stored.LeaseId, stored.Attempt));
        Assert.Single(await Store.GetTrialsAsync(campaign.Id));
    }

    [Fact]
    public async Task Of_coordinators_racing_to_add_one_trial_number_leased_exactly_one_wins()
    {
        var campaign = await NewCampaignAsync();
        var racers = Enumerable.Range(0, 8).Select(i => (Trial: Unsaved(campaign.Id, 3), Lease: Guid.NewGuid())).ToList();

        var results = await Task.WhenAll(racers.Select(r =>
            Task.Run(() => Store.AddLeasedTrialAsync(r.Trial, "w1", r.Lease, T0.AddMinutes(1), T0))));

        Assert.Equal(1, results.Count(won => won));
        var winner = racers[Array.IndexOf(results, true)];
        var stored = Assert.Single(await Store.GetTrialsAsync(campaign.Id));
        Assert.Equal((winner.Trial.Id, winner.Lease), (stored.Id, stored.LeaseId));
    }
}
