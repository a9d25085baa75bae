using NinSearch.Dashboard.Tests.Infrastructure;
using NinSearch.Dashboard.Ui.Trials;
using NinSearch.Spec;
using NinSearch.Store.Entities;
using NinSearch.Store.ReadModel;

namespace NinSearch.Dashboard.Tests.Trials;

public sealed class TrialTimelineTests
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_timeline_tells_sampling_each_attempt_with_its_resume_the_stored_events_and_the_end_in_time_order()
    {
        var config = TrialDetails.Config(Presets.Small);
        var resumed = TrialDetails.Complete(4, config,
            new AttemptSummary(1, 1, 2, T0.AddSeconds(1), T0.AddSeconds(20)),
            new AttemptSummary(2, 3, 5, T0.AddSeconds(40), T0.AddSeconds(59))) with
        {
            CreatedAt = T0,
            EndedAt = T0.AddSeconds(60),
            Events = [new EventEntry(7, T0.AddSeconds(30), CampaignEventKind.LeaseExpired, 4, "trial 4: lease of w-1 expired")],
        };

        var timeline = TrialTimeline.Of(resumed);

        Assert.Equal(
            [
                (T0, "sampled", "trial 4 sampled"),
                (T0.AddSeconds(1), "attempt 1", "trained epochs 1–2"),
                (T0.AddSeconds(30), "lease expired", "trial 4: lease of w-1 expired"),
                (T0.AddSeconds(40), "attempt 2", "trained epochs 3–5, resumed from the checkpoint of epoch 2"),
                (T0.AddSeconds(60), "complete", "trial 4 complete"),
            ],
            timeline.Select(e => (e.At, e.What, e.Message)));
    }

    [Fact]
    public void A_running_trial_has_no_end_and_a_pruned_one_ends_with_its_reason()
    {
        var config = TrialDetails.Config(Presets.Small);
        var running = TrialDetails.Complete(1, config, new AttemptSummary(1, 1, 1, T0, T0));
        running = running with { Trial = running.Trial with { Status = TrialStatus.Running }, EndedAt = null };
        var pruned = running with { Trial = running.Trial with { Status = TrialStatus.Pruned, Reason = "asha: below the rung's top 1/3 at epoch 1" }, EndedAt = T0.AddSeconds(5) };

        Assert.DoesNotContain(TrialTimeline.Of(running), e => e.What == "running");
        Assert.Equal(("pruned", "asha: below the rung's top 1/3 at epoch 1"), (TrialTimeline.Of(pruned)[^1].What, TrialTimeline.Of(pruned)[^1].Message));
    }
}
