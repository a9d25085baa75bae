using NinSearch.Dashboard.Ui.Charts;
using NinSearch.Abstractions;
using NinSearch.Dashboard.Ui.Live;
using NinSearch.Spec;
using static NinSearch.Dashboard.Tests.Live.LiveCampaigns;

namespace NinSearch.Dashboard.Tests.Live;

public sealed class LiveCampaignTests
{
    [Fact]
    public void The_read_state_shows_curves_running_trials_by_worker_best_and_latest_report()
    {
        var campaign = Create(
            [Trial(0, TrialStatus.Complete, 0.70, 0.80, 0.85), Trial(1, TrialStatus.Pruned, 0.60), Trial(2, TrialStatus.Running, 0.75)],
            [Running(2, "w2")]);

        Assert.Equal([1, 2, 3], campaign.Trial(0)!.Curve.Select(p => p.Epoch));
        Assert.Equal(0, campaign.Best!.Number);
        Assert.Equal(0.85, campaign.Best.BestValidationAccuracy);
        var worker = Assert.Single(campaign.RunningByWorker());
        Assert.Equal(("w2", 2), (worker.WorkerId, Assert.Single(worker.Trials).Number));
        // Trial 2's report (at +20 s) is the newest read.
        Assert.Equal("trial 2 · epoch 1 · 75.00% validation", campaign.Latest!.Text);
    }

    [Fact]
    public void A_lease_then_epochs_then_the_end_move_the_trial_and_raise_changed_each_time()
    {
        var campaign = Create(Trial(0, TrialStatus.Complete, 0.8));
        var changes = 0;
        campaign.Changed += () => changes++;

        Assert.True(campaign.Apply(Leased(1, 5, "w1")));
        Assert.Equal(TrialStatus.Running, campaign.Trial(5)!.Status);
        Assert.Equal("w1", Assert.Single(campaign.RunningByWorker()).WorkerId);

        Assert.True(campaign.Apply(Epoch(2, 5, 1, 0.81)));
        Assert.Equal("trial 5 · epoch 1 · 81.00% validation", campaign.Latest!.Text);
        Assert.Equal(5, campaign.Best!.Number);

        Assert.True(campaign.Apply(Ended(3, 5, TrialStatus.Complete)));
        Assert.Equal(TrialStatus.Complete, campaign.Trial(5)!.Status);
        Assert.Empty(campaign.RunningByWorker());
        Assert.Equal(3, changes);
        Assert.Equal(7, campaign.Progress.EpochsUsed); // from the newest snapshot
    }

    [Fact]
    public void A_released_trial_waits_without_a_worker_and_resumes_on_the_next_lease()
    {
        var campaign = Create();
        campaign.Apply(Leased(1, 0, "w1"));
        campaign.Apply(Epoch(2, 0, 1, 0.5));

        campaign.Apply(Released(3, 0));
        Assert.Equal((TrialStatus.Waiting, null), (campaign.Trial(0)!.Status, campaign.Trial(0)!.WorkerId));
        Assert.Empty(campaign.RunningByWorker());

        campaign.Apply(Leased(4, 0, "w2"));
        campaign.Apply(Epoch(5, 0, 2, 0.6, attempt: 2));
        Assert.Equal("w2", Assert.Single(campaign.RunningByWorker()).WorkerId);
        Assert.Equal([(1, 1), (2, 2)], campaign.Trial(0)!.Curve.Select(p => (p.Epoch, p.Attempt)));
    }

    [Fact]
    public void A_pruned_trial_ends_at_its_rung_and_its_stop_is_drawn_there()
    {
        var campaign = Create(Trial(0, TrialStatus.Complete, 0.7, 0.8, 0.9));
        campaign.Apply(Leased(1, 1, "w1"));
        campaign.Apply(Epoch(2, 1, 1, 0.4));
        campaign.Apply(Ended(3, 1, TrialStatus.Pruned));

        var pruned = campaign.Trial(1)!;
        Assert.Equal((TrialStatus.Pruned, 1), (pruned.Status, pruned.LastEpoch));

        var series = CurveSeries.From(campaign);
        var stopped = Assert.Single(series, s => s.Group == CurveGroup.Pruned);
        Assert.Equal([1, null], stopped.X);
        var stops = LearningCurvesData.From(campaign).Stops;
        Assert.Equal([1.0], stops.X);
        Assert.Equal([40.0], stops.Y);
        Assert.Equal(["trial 1"], stops.Labels);
    }

    [Fact]
    public void Curves_are_one_series_per_status_group_joined_by_nulls_with_the_best_trial_alone()
    {
        var campaign = Create(
            Trial(0, TrialStatus.Complete, 0.5, 0.6),
            Trial(1, TrialStatus.Complete, 0.7, 0.9),
            Trial(2, TrialStatus.Complete, 0.55),
            Trial(3, TrialStatus.Running, 0.3));

        var series = CurveSeries.From(campaign);

        Assert.Equal([CurveGroup.InProgress, CurveGroup.Complete, CurveGroup.Best], series.Select(s => s.Group));
        var complete = series.Single(s => s.Group == CurveGroup.Complete);
        Assert.Equal([1, 2, null, 1, null], complete.X);
        Assert.Equal([50.0, 60.0, null, 55.0, null], complete.Y);
        Assert.Equal([0, 0, null, 2, null], complete.Trials);
        var best = series.Single(s => s.Group == CurveGroup.Best);
        Assert.Equal("best: trial 1", best.Name);
        Assert.Equal([70.0, 90.0, null], best.Y);
    }

    [Fact]
    public void The_best_trial_moves_when_another_overtakes_it_and_ties_keep_the_lower_number()
    {
        var campaign = Create(Trial(3, TrialStatus.Running, 0.8));
        campaign.Apply(Epoch(1, 1, 1, 0.8));
        Assert.Equal(1, campaign.Best!.Number);
        campaign.Apply(Epoch(2, 3, 2, 0.85));
        Assert.Equal(3, campaign.Best!.Number);

        var steps = campaign.BestSoFar();
        Assert.Equal([0.8, 0.85], steps.Select(s => s.ValidationAccuracy).Distinct());
        Assert.Equal(3, steps[^1].Trial);
    }

    [Fact]
    public void Updates_already_in_the_read_history_leave_its_trials_as_read()
    {
        var campaign = Create(Trial(0, TrialStatus.Complete, 0.7, 0.8), Trial(1, TrialStatus.Running, 0.6));
        var curve = campaign.Trial(0)!.Curve.ToList();

        // Queued between joining the feed and reading the store: trial 0's lease, epochs and end.
        campaign.Apply(Leased(1, 0, "w1"));
        campaign.Apply(Epoch(2, 0, 1, 0.7));
        campaign.Apply(Epoch(3, 0, 2, 0.8));
        campaign.Apply(Ended(4, 0, TrialStatus.Complete));

        Assert.Equal(TrialStatus.Complete, campaign.Trial(0)!.Status);
        Assert.Equal(curve, campaign.Trial(0)!.Curve);
        Assert.Equal(0, campaign.Best!.Number);
        Assert.Equal(TrialStatus.Running, campaign.Trial(1)!.Status);
    }

    [Fact]
    public void Duplicates_change_nothing_and_a_stale_update_never_moves_a_status_back()
    {
        var campaign = Create();
        campaign.Apply(Leased(1, 0, "w1"));
        campaign.Apply(Epoch(2, 0, 1, 0.5));
        campaign.Apply(Ended(4, 0, TrialStatus.Complete));
        var version = campaign.Version;

        Assert.False(campaign.Apply(Epoch(2, 0, 1, 0.5)));
        Assert.False(campaign.Apply(Ended(4, 0, TrialStatus.Complete)));
        Assert.False(campaign.Apply(Leased(1, 0, "w1")));
        Assert.False(campaign.Apply(Released(3, 0))); // older than the end, arriving after it
        Assert.Equal(version, campaign.Version);
        Assert.Equal(TrialStatus.Complete, campaign.Trial(0)!.Status);
    }

    [Fact]
    public void Out_of_order_epochs_and_leases_land_in_place()
    {
        var campaign = Create();
        campaign.Apply(Epoch(3, 0, 2, 0.6));
        campaign.Apply(Released(4, 0));
        campaign.Apply(Epoch(2, 0, 1, 0.5));
        campaign.Apply(Leased(1, 0, "w1"));

        var trial = campaign.Trial(0)!;
        Assert.Equal([1, 2], trial.Curve.Select(p => p.Epoch));
        Assert.Equal(TrialStatus.Waiting, trial.Status); // the release (4) is the newest status
        Assert.Equal("trial 0 · epoch 2 · 60.00% validation", campaign.Latest!.Text); // the newest report, not the last to arrive
    }

    [Fact]
    public void A_later_attempt_replaces_the_point_of_an_epoch_and_an_older_one_does_not()
    {
        var campaign = Create();
        campaign.Apply(Epoch(1, 0, 1, 0.5, attempt: 2));
        campaign.Apply(Epoch(2, 0, 1, 0.9, attempt: 1));
        Assert.Equal(0.5, Assert.Single(campaign.Trial(0)!.Curve).ValidationAccuracy);
    }

    [Fact]
    public void The_campaign_end_sets_its_status_reason_and_end_once()
    {
        var campaign = Create();
        var ended = Update(5, CampaignUpdateKind.CampaignEnded, state: CampaignStatus.Cancelled);

        Assert.True(campaign.Apply(ended));
        Assert.Equal((CampaignStatus.Cancelled, "cancelled by a test"), (campaign.Status, campaign.Reason));
        Assert.Equal(ended.At, campaign.EndedAt);
        Assert.False(campaign.Apply(ended));
        campaign.Apply(Leased(6, 0, "w1")); // a snapshot saying running, after the end
        Assert.Equal(CampaignStatus.Cancelled, campaign.Status);
    }

    [Fact]
    public void An_update_of_another_campaign_is_ignored()
    {
        var campaign = Create();
        Assert.False(campaign.Apply(Leased(1, 0, "w1") with { CampaignId = "other" }));
        Assert.Null(campaign.Trial(0));
    }
}
