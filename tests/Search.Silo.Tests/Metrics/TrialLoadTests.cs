using NinSearch.Abstractions;
using NinSearch.Silo.Metrics;
using NinSearch.Spec;
using NinSearch.Store.ReadModel;

namespace NinSearch.Silo.Tests.Metrics;

/// <summary>What the autoscaling gauges report: pending and running trials of running campaigns, and online workers' slots.</summary>
public sealed class TrialLoadTests
{
    [Fact]
    public void Pending_counts_waiting_trials_and_what_each_running_campaigns_budget_still_allows()
    {
        var load = TrialLoad.From(
        [
            Campaign(CampaignStatus.Running, started: 6, waiting: 2, running: 3, maxTrials: 10),      // 2 waiting + 4 new
            Campaign(CampaignStatus.Running, started: 4, waiting: 1, running: 2, maxTrials: null),    // 1 waiting + open 50
            Campaign(CampaignStatus.Running, started: 5, waiting: 0, running: 1, maxTrials: 5),       // budget used up
            Campaign(CampaignStatus.Running, started: 2, waiting: 1, running: 1, maxTrials: 9, epochs: (12, 12)), // epochs spent
            Campaign(CampaignStatus.Completed, started: 8, waiting: 0, running: 0, maxTrials: 100),
            Campaign(CampaignStatus.Cancelled, started: 1, waiting: 4, running: 2, maxTrials: 100),
        ], [], openCampaignTrials: 50);

        Assert.Equal(2 + 4 + 1 + 50 + 0 + 1, load.Pending);
        Assert.Equal(3 + 2 + 1 + 1, load.Running);
    }

    [Fact]
    public void Worker_slots_are_those_of_online_workers()
    {
        var load = TrialLoad.From([], [Worker("a", 4, online: true), Worker("b", 2, online: true), Worker("c", 8, online: false)], 100);

        Assert.Equal(6, load.WorkerSlots);
        Assert.Equal(0, load.Pending);
    }

    private static CampaignSummary Campaign(CampaignStatus status, int started, int waiting, int running, int? maxTrials, (long Used, long Max)? epochs = null) =>
        new($"c-{Guid.NewGuid():N}", "c", status, null, "fashion_mnist", "random", "fifo", DateTimeOffset.UnixEpoch, null, null, 0,
            new CampaignProgress(started, waiting, running, 0, 0, 0, 0, epochs?.Used ?? 0, maxTrials, epochs?.Max, null, 0), null);

    private static WorkerStatus Worker(string id, int slots, bool online) =>
        new(new WorkerRegistration(id, "host", new WorkerResources(DeviceKind.Cpu, 0, 0, 4, slots)), DateTimeOffset.UnixEpoch, [], online);
}
