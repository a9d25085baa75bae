using NinSearch.Spec;
using NinSearch.Store.Entities;

namespace NinSearch.Store.Tests.Contract;

/// <summary>
/// The store contract, run against every backend (one subclass per store: SQLite, PostgreSQL, in memory), as Optuna
/// tests its storages. Each test creates its own campaign, so tests sharing the class's store never see each other's
/// rows. Tests of one backend's own features (checkpoint files, the database's raw rows) live in its subclass.
/// </summary>
public abstract partial class CampaignStoreContract
{
    /// <summary>A fixed origin for lease times; leases use explicit times, not the wall clock.</summary>
    protected static readonly DateTimeOffset T0 = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    /// <summary>The store under test, with default options.</summary>
    protected abstract ICampaignStore Store { get; }

    /// <summary>
    /// The checkpoints the store keeps for a trial, in any order, read around <see cref="ICampaignStore"/> (which
    /// shows only the latest of each kind).
    /// </summary>
    protected abstract Task<IReadOnlyList<Checkpoint>> ReadCheckpointRowsAsync(Guid trialId);

    protected async Task<Campaign> NewCampaignAsync(string? name = null)
    {
        var campaign = new Campaign
        {
            Id = $"c-{Guid.NewGuid():N}",
            Name = name ?? "test campaign",
            SpecJson = """{"dataset":"fashion-mnist","budget":{"trials":10}}""",
        };
        Assert.True(await Store.CreateCampaignAsync(campaign));
        return campaign;
    }

    protected async Task<Trial> NewTrialAsync(string campaignId, int number, TrialStatus status = TrialStatus.Waiting)
    {
        var trial = new Trial
        {
            Id = Guid.NewGuid(),
            CampaignId = campaignId,
            Number = number,
            ConfigJson = $$"""{"number":{{number}}}""",
            Status = status,
            Params = 1000 + number,
            Macs = 50_000 + number,
        };
        Assert.True(await Store.AddTrialAsync(trial));
        return trial;
    }

    /// <summary>A trial leased to <paramref name="workerId"/> until T0 + 1 hour.</summary>
    protected async Task<(Trial Trial, Guid Lease)> LeasedTrialAsync(string campaignId, int number, string workerId = "w1")
    {
        var trial = await NewTrialAsync(campaignId, number);
        var lease = Guid.NewGuid();
        Assert.True(await Store.TryLeaseTrialAsync(trial.Id, workerId, lease, T0.AddHours(1), T0));
        return (trial, lease);
    }

    protected static EpochMetric Metric(int epoch, double valAccuracy) => new()
    {
        Epoch = epoch,
        TrainLoss = 1.0 / epoch,
        TrainAccuracy = Math.Min(1, valAccuracy + 0.01),
        ValLoss = 1.5 / epoch,
        ValAccuracy = valAccuracy,
        LearningRate = 0.1,
        Seconds = 2.5,
        ImagesPerSecond = 1000,
    };

    protected async Task<Trial> ReloadAsync(Guid trialId) =>
        await Store.GetTrialAsync(trialId) ?? throw new InvalidOperationException($"trial {trialId} vanished");

    /// <summary>A trial's raw epoch rows by epoch: <see cref="ICampaignStore.GetCampaignEpochsAsync"/> returns the rows as stored.</summary>
    protected async Task<List<EpochMetric>> RawMetricsAsync(string campaignId, Guid trialId) =>
        (await Store.GetCampaignEpochsAsync(campaignId)).Where(m => m.TrialId == trialId).OrderBy(m => m.Epoch).ToList();
}
