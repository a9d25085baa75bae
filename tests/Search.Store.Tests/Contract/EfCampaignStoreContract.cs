using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NinSearch.Store.Entities;
using NinSearch.Store.Tests.Infrastructure;

namespace NinSearch.Store.Tests.Contract;

/// <summary>
/// The contract on <see cref="EfCampaignStore"/>, plus what only a database-backed store does: checkpoint files in
/// <see cref="StoreOptions.CheckpointDirectory"/>. Raw rows are read through EF Core, around the store.
/// </summary>
public abstract class EfCampaignStoreContract(StoreFixture fixture) : CampaignStoreContract
{
    protected StoreFixture Fixture { get; } = fixture;

    protected override ICampaignStore Store => Fixture.Store;

    [Fact]
    public async Task Checkpoints_in_a_directory_round_trip_prune_their_files_and_ignore_stale_leases()
    {
        var directory = Path.Combine(Fixture.ScratchDirectory, $"ckpt-{Guid.NewGuid():N}");
        await using var services = Fixture.CreateServices(o =>
        {
            o.CheckpointDirectory = directory;
            o.KeepCheckpoints = 3;
        });
        var store = services.GetRequiredService<ICampaignStore>();
        var campaign = await NewCampaignAsync();
        var (trial, lease) = await LeasedTrialAsync(campaign.Id, 0);

        for (var epoch = 1; epoch <= 5; epoch++)
        {
            Assert.True(await store.SaveCheckpointAsync(trial.Id, lease, epoch, CheckpointKind.Resume, Payload(epoch, 1000)));
        }

        Assert.True(await store.SaveCheckpointAsync(trial.Id, lease, 5, CheckpointKind.Resume, Payload(50, 1200)));
        Assert.False(await store.SaveCheckpointAsync(trial.Id, Guid.NewGuid(), 6, CheckpointKind.Resume, Payload(6, 1000)));

        var latest = await store.LoadLatestCheckpointAsync(trial.Id, CheckpointKind.Resume);
        Assert.Equal(5, latest?.Epoch);
        Assert.Equal(Payload(50, 1200), latest?.Data);
        var rows = await CheckpointRowsAsync(trial.Id);
        Assert.Equal([3, 4, 5], rows.Select(r => r.Epoch));
        Assert.All(rows, r => Assert.Null(r.Data));
        Assert.All(rows, r => Assert.True(File.Exists(Path.Combine(directory, r.Path!))));
        var files = Directory.GetFiles(directory, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(directory, f)).Order();
        Assert.Equal(rows.Select(r => r.Path!).Order(), files);
    }

    protected override async Task<IReadOnlyList<Checkpoint>> ReadCheckpointRowsAsync(Guid trialId)
    {
        await using var db = await Fixture.Contexts.CreateDbContextAsync();
        return await db.Checkpoints.AsNoTracking().Where(c => c.TrialId == trialId).ToListAsync();
    }
}

/// <summary>The contract on an embedded SQLite file.</summary>
public sealed class SqliteCampaignStoreTests(SqliteStoreFixture fixture)
    : EfCampaignStoreContract(fixture), IClassFixture<SqliteStoreFixture>;

/// <summary>The contract on a real PostgreSQL database.</summary>
public sealed class PostgresCampaignStoreTests(PostgresStoreFixture fixture)
    : EfCampaignStoreContract(fixture), IClassFixture<PostgresStoreFixture>;
