using System.Text.Json;
using NinSearch.Abstractions;
using NinSearch.Spec;

namespace NinSearch.Silo.Tests.Infrastructure;

/// <summary>Small builders for campaign tests.</summary>
public static class Campaigns
{
    public static readonly WorkerResources Cpu = new(DeviceKind.Cpu, 0, 0, 2, 2);

    public static string NewId(string name) => $"{name}-{Guid.NewGuid():N}";

    public static CampaignDefinition Definition(
        int? maxTrials = 2, long? maxEpochs = null, object? search = null, ResourceRequest? resources = null) =>
        new("test", "fashion-mnist", JsonSerializer.Serialize(search ?? new { epochs = 3 }, JsonSerializerOptions.Web),
            new CampaignBudget(maxTrials, maxEpochs), resources ?? ResourceRequest.OneCpu);

    public static EpochMetrics Epoch(int epoch, double accuracy = 0.5) => new(epoch, 1 - accuracy, accuracy, 1 - accuracy, accuracy, 1.0);

    /// <summary>Reports <paramref name="epochs"/> epochs and completes the lease; asserts each step was accepted.</summary>
    public static async Task RunToCompletionAsync(ICampaignGrain campaign, TrialLease lease, int epochs, int from = 1)
    {
        for (var epoch = from; epoch <= epochs; epoch++)
        {
            var reply = await campaign.ReportEpochAsync(lease.LeaseId, Epoch(epoch, 0.1 * epoch));
            Assert.Equal(EpochDecision.Continue, reply.Decision);
        }
        Assert.True(await campaign.CompleteAsync(lease.LeaseId, new TrialResult(TrialStatus.Complete, epochs, 0.9, null)));
    }
}
