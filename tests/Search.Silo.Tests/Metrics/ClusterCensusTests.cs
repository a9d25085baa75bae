using NinSearch.Abstractions;
using NinSearch.Silo.Metrics;
using NinSearch.Spec;
using NinSearch.Store.ReadModel;

namespace NinSearch.Silo.Tests.Metrics;

/// <summary>What the census gauges report: campaigns by state, trials by status, online workers by device.</summary>
public sealed class ClusterCensusTests
{
    [Fact]
    public void Every_label_value_is_counted_zeros_included()
    {
        CampaignSummary[] campaigns =
        [
            Campaign(CampaignStatus.Running, complete: 3, pruned: 2, failed: 1),
            Campaign(CampaignStatus.Running, complete: 1, pruned: 0, failed: 0),
            Campaign(CampaignStatus.Completed, complete: 10, pruned: 5, failed: 2),
        ];
        WorkerStatus[] workers = [Worker("a", DeviceKind.Cuda, online: true), Worker("b", DeviceKind.Cuda, online: true), Worker("c", DeviceKind.Cpu, online: false)];

        var census = ClusterCensus.From(campaigns, workers, new TrialLoad(Pending: 7, Running: 4, WorkerSlots: 8));

        Assert.Equal(new Dictionary<string, long> { ["draft"] = 0, ["running"] = 2, ["completed"] = 1, ["cancelled"] = 0, ["failed"] = 0 }, census.CampaignsByState);
        Assert.Equal(new Dictionary<string, long> { ["pending"] = 7, ["running"] = 4, ["completed"] = 14, ["failed"] = 3, ["stopped_early"] = 7 }, census.TrialsByStatus);
        Assert.Equal(ClusterCensus.TrialStatuses, census.TrialsByStatus.Keys);
        Assert.Equal(new Dictionary<string, long> { ["cpu"] = 0, ["cuda"] = 2 }, census.WorkersByDevice);
    }

    private static CampaignSummary Campaign(CampaignStatus status, int complete, int pruned, int failed) =>
        new($"c-{Guid.NewGuid():N}", "c", status, null, "fashion_mnist", "random", "fifo", DateTimeOffset.UnixEpoch, null, null, 0,
            new CampaignProgress(complete + pruned + failed, 0, 0, complete, pruned, failed, 0, 0, null, null, null, 0), null);

    private static WorkerStatus Worker(string id, DeviceKind device, bool online) =>
        new(new WorkerRegistration(id, "host", new WorkerResources(device, device == DeviceKind.Cuda ? 1 : 0, 0, 4, 1)), DateTimeOffset.UnixEpoch, [], online);
}
