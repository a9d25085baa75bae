using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using NinSearch.Spec;
using NinSearch.Store.Entities;
using NinSearch.Store.ReadModel;
using NinSearch.Store.Tests.Infrastructure;

namespace NinSearch.Store.Tests.ReadModel;

/// <summary>
/// The read model against every backend (one subclass per provider), as the store contract. Each test builds its own
/// campaign through <see cref="ICampaignStore"/>'s public methods, so tests sharing the class's database never see
/// each other's rows; worker ids carry the campaign id for the same reason.
/// </summary>
public abstract partial class CampaignReadModelContract(StoreFixture fixture)
{
    /// <summary>A fixed origin for lease times.</summary>
    protected static readonly DateTimeOffset T0 = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    /// <summary>The search settings of <see cref="ScenarioAsync"/>'s campaign: random sampler, median stopping, three dimensions.</summary>
    protected const string SearchJson = """
        {"sampler":"random","scheduler":"median","seed":7,"space":{"dimensions":[
          {"name":"lr","type":"float","low":0.001,"high":0.3,"log":true},
          {"name":"width","type":"int","low":32,"high":256,"step":32},
          {"name":"opt","type":"categorical","choices":["sgd","adam"]}]}}
        """;

    protected StoreFixture Fixture { get; } = fixture;

    protected ICampaignStore Store => Fixture.Store;

    /// <summary>The clock the read model reads (elapsed time of running campaigns).</summary>
    protected FakeTimeProvider Clock { get; } = new(T0.AddDays(1));

    /// <summary>The read model under test, on the fixture's database.</summary>
    protected ICampaignReadModel ReadModel => field ??= new EfCampaignReadModel(Fixture.Contexts, Store, Clock);

    /// <summary>A campaign definition row as the silo writes it (SpecJson.Compact, snake_case, search_json a string).</summary>
    protected static string DefinitionJson(string searchJson, int? maxTrials = 20, long? maxEpochs = 100, string? maxWallClock = "01:30:00") =>
        new JsonObject
        {
            ["name"] = "rich",
            ["dataset"] = "fashion-mnist",
            ["search_json"] = searchJson,
            ["budget"] = new JsonObject { ["max_trials"] = maxTrials, ["max_epochs"] = maxEpochs, ["max_wall_clock"] = maxWallClock },
            ["trial_resources"] = new JsonObject { ["gpus"] = 0, ["gpu_memory_bytes"] = 0, ["cpu_threads"] = 1 },
        }.ToJsonString();

    protected async Task<Campaign> NewCampaignAsync(string specJson, string name = "read model", DateTimeOffset createdAt = default)
    {
        var campaign = new Campaign { Id = $"rm-{Guid.NewGuid():N}", Name = name, SpecJson = specJson, CreatedAt = createdAt };
        Assert.True(await Store.CreateCampaignAsync(campaign));
        return campaign;
    }

    protected static string ConfigJson(int secondWidth = 64, double learningRate = 0.1) =>
        SpecJson.Serialize(Config(secondWidth, learningRate));

    protected static TrialConfig Config(int secondWidth = 64, double learningRate = 0.1)
    {
        var blocks = Presets.Small.Blocks.ToList();
        blocks[1] = blocks[1] with { Width = secondWidth };
        return new TrialConfig(Presets.Small with { Blocks = blocks }, TrainingRecipe.Default with { LearningRate = learningRate });
    }

    protected async Task<Trial> AddTrialAsync(
        string campaignId, int number, long parameters, long macs, string? paramsJson = null, string? configJson = null, TrialStatus status = TrialStatus.Waiting)
    {
        var trial = new Trial
        {
            Id = Guid.NewGuid(),
            CampaignId = campaignId,
            Number = number,
            ConfigJson = configJson ?? ConfigJson(),
            ParamsJson = paramsJson,
            Status = status,
            Params = parameters,
            Macs = macs,
            CreatedAt = T0.AddMinutes(number),
        };
        Assert.True(await Store.AddTrialAsync(trial));
        return trial;
    }

    protected async Task<Guid> LeaseAsync(Trial trial, string workerId)
    {
        var lease = Guid.NewGuid();
        Assert.True(await Store.TryLeaseTrialAsync(trial.Id, workerId, lease, T0.AddHours(1), T0));
        return lease;
    }

    protected async Task RecordAsync(Trial trial, Guid lease, int epoch, double valAccuracy, double imagesPerSecond = 1000) =>
        Assert.Equal(RecordEpochResult.Recorded, await Store.RecordEpochAsync(trial.Id, lease, new EpochMetric
        {
            Epoch = epoch,
            TrainLoss = 1.0 / epoch,
            TrainAccuracy = valAccuracy + 0.01,
            ValLoss = 1.5 / epoch,
            ValAccuracy = valAccuracy,
            LearningRate = 0.1,
            Seconds = 2.5,
            ImagesPerSecond = imagesPerSecond,
        }));

    protected async Task FinishAsync(Trial trial, Guid lease, TrialStatus status, double? testAccuracy, double? trainSeconds, string? reason = null) =>
        Assert.True(await Store.FinishTrialAsync(trial.Id, lease, status, reason, testAccuracy, trainSeconds));
}

/// <summary>The read model on an embedded SQLite file.</summary>
public sealed class SqliteCampaignReadModelTests(SqliteStoreFixture fixture)
    : CampaignReadModelContract(fixture), IClassFixture<SqliteStoreFixture>;

/// <summary>The read model on a real PostgreSQL database.</summary>
public sealed class PostgresCampaignReadModelTests(PostgresStoreFixture fixture)
    : CampaignReadModelContract(fixture), IClassFixture<PostgresStoreFixture>;
