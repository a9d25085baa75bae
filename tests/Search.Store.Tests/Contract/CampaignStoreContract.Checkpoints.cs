using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NinSearch.Store.Entities;

namespace NinSearch.Store.Tests.Contract;

public abstract partial class CampaignStoreContract
{
    [Fact]
    public async Task Checkpoints_in_the_database_round_trip_and_only_the_latest_are_kept()
    {
        var campaign = await NewCampaignAsync();
        var (trial, lease) = await LeasedTrialAsync(campaign.Id, 0);
        Assert.Null(await Store.LoadLatestCheckpointAsync(trial.Id, CheckpointKind.Resume));

        for (var epoch = 1; epoch <= 4; epoch++)
        {
            Assert.True(await Store.SaveCheckpointAsync(trial.Id, lease, epoch, CheckpointKind.Resume, Payload(epoch, 3000)));
        }

        using (var stream = new MemoryStream(Payload(9, 500)))
        {
            Assert.True(await Store.SaveCheckpointAsync(trial.Id, lease, 4, CheckpointKind.Final, stream));
        }

        var resume = await Store.LoadLatestCheckpointAsync(trial.Id, CheckpointKind.Resume);
        Assert.NotNull(resume);
        Assert.Equal((4, CheckpointKind.Resume), (resume.Epoch, resume.Kind));
        Assert.Equal(Payload(4, 3000), resume.Data);
        var final = await Store.LoadLatestCheckpointAsync(trial.Id, CheckpointKind.Final);
        Assert.Equal(Payload(9, 500), final?.Data);

        var rows = await CheckpointRowsAsync(trial.Id);
        Assert.Equal([(CheckpointKind.Final, 4), (CheckpointKind.Resume, 3), (CheckpointKind.Resume, 4)], rows.Select(r => (r.Kind, r.Epoch)));
        Assert.All(rows, r => Assert.Null(r.Path));
        Assert.Equal(3000, rows[^1].SizeBytes);
    }

    [Fact]
    public async Task Final_weights_keep_their_preprocessing_and_the_epoch_they_are_from()
    {
        var campaign = await NewCampaignAsync();
        var (trial, lease) = await LeasedTrialAsync(campaign.Id, 0);
        const string preprocessing = """{"dataset":"fashion_mnist","mean":[0.286],"std":[0.353]}""";
        Assert.True(await Store.SaveCheckpointAsync(trial.Id, lease, 2, CheckpointKind.Final, Payload(2, 100), preprocessing));

        var final = await Store.LoadLatestCheckpointAsync(trial.Id, CheckpointKind.Final);
        Assert.NotNull(final);
        Assert.Equal((2, preprocessing), (final.Epoch, final.PreprocessingJson));
        Assert.Null((await Store.LoadLatestCheckpointAsync(trial.Id, CheckpointKind.Resume))?.PreprocessingJson);
    }

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

    private async Task<List<Checkpoint>> CheckpointRowsAsync(Guid trialId)
    {
        await using var db = await Fixture.Contexts.CreateDbContextAsync();
        return await db.Checkpoints.AsNoTracking().Where(c => c.TrialId == trialId).OrderBy(c => c.Kind).ThenBy(c => c.Epoch).ToListAsync();
    }

    private static byte[] Payload(int seed, int length) =>
        Enumerable.Range(0, length).Select(i => (byte)((i * 31) ^ (seed * 97))).ToArray();
}
