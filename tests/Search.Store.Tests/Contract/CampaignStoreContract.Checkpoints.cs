using NinSearch.Store.Entities;

namespace NinSearch.Store.Tests.Contract;

public abstract partial class CampaignStoreContract
{
    [Fact]
    public async Task Checkpoints_without_a_directory_round_trip_and_only_the_latest_are_kept()
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
        Assert.Equal([(CheckpointKind.Resume, 3), (CheckpointKind.Resume, 4), (CheckpointKind.Final, 4)], rows.Select(r => (r.Kind, r.Epoch)));
        Assert.All(rows, r => Assert.Null(r.Path));
        Assert.Equal((3000L, 500L), (rows[1].SizeBytes, rows[2].SizeBytes));
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
    public async Task A_checkpoint_older_than_those_kept_is_saved_and_at_once_deleted()
    {
        var campaign = await NewCampaignAsync();
        var (trial, lease) = await LeasedTrialAsync(campaign.Id, 0);
        foreach (var epoch in new[] { 5, 6, 3 })
        {
            Assert.True(await Store.SaveCheckpointAsync(trial.Id, lease, epoch, CheckpointKind.Resume, Payload(epoch, 10)));
        }

        Assert.True(await Store.SaveCheckpointAsync(trial.Id, lease, 4, CheckpointKind.Final, Payload(4, 10)));
        Assert.True(await Store.SaveCheckpointAsync(trial.Id, lease, 2, CheckpointKind.Final, Payload(2, 10)));

        Assert.Equal([(CheckpointKind.Resume, 5), (CheckpointKind.Resume, 6), (CheckpointKind.Final, 4)],
            (await CheckpointRowsAsync(trial.Id)).Select(r => (r.Kind, r.Epoch)));
        Assert.Equal(6, (await Store.LoadLatestCheckpointAsync(trial.Id, CheckpointKind.Resume))?.Epoch);
        Assert.Equal(Payload(4, 10), (await Store.LoadLatestCheckpointAsync(trial.Id, CheckpointKind.Final))?.Data);
    }

    /// <summary>The checkpoints the store keeps for a trial, by kind (Resume first), then epoch.</summary>
    protected async Task<List<Checkpoint>> CheckpointRowsAsync(Guid trialId) =>
        (await ReadCheckpointRowsAsync(trialId)).OrderBy(r => r.Kind).ThenBy(r => r.Epoch).ToList();

    protected static byte[] Payload(int seed, int length) =>
        Enumerable.Range(0, length).Select(i => (byte)((i * 31) ^ (seed * 97))).ToArray();
}
