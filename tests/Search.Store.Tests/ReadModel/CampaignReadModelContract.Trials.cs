using NinSearch.Spec;
using NinSearch.Store.Entities;
using NinSearch.Store.ReadModel;

namespace NinSearch.Store.Tests.ReadModel;

public abstract partial class CampaignReadModelContract
{
    [Fact]
    public async Task A_trial_in_full_has_its_curve_attempts_checkpoints_and_events()
    {
        var s = await ScenarioAsync();

        var trial = await ReadModel.GetTrialAsync(s.CampaignId, 0);

        Assert.NotNull(trial);
        Assert.Equal(s.CampaignId, trial.CampaignId);
        Assert.Equal((0, TrialStatus.Complete, 0.82), (trial.Trial.Number, trial.Trial.Status, trial.Trial.BestValidationAccuracy));
        Assert.Equal(Config(), SpecJson.Deserialize<TrialConfig>(trial.Config.GetRawText()));
        Assert.Equal(T0, trial.CreatedAt);
        Assert.Equal(T0, trial.StartedAt);
        Assert.NotNull(trial.EndedAt);

        Assert.Equal([(1, 1, 0.60), (2, 1, 0.70), (3, 2, 0.82)], trial.Curve.Select(p => (p.Epoch, p.Attempt, p.ValidationAccuracy)));
        var point = trial.Curve[1];
        Assert.Equal((0.5, 0.71, 0.75, 0.1, 2.5, 1000.0), (point.TrainLoss, point.TrainAccuracy, point.ValidationLoss, point.LearningRate, point.Seconds, point.ImagesPerSecond));
        Assert.Equal(
            [
                new AttemptSummary(1, 1, 2, trial.Curve[0].ReportedAt, trial.Curve[1].ReportedAt),
                new AttemptSummary(2, 3, 3, trial.Curve[2].ReportedAt, trial.Curve[2].ReportedAt),
            ],
            trial.Attempts);
        Assert.True(trial.Curve[0].ReportedAt <= trial.Curve[1].ReportedAt);

        Assert.Equal([(CheckpointKind.Resume, 2, 3L), (CheckpointKind.Final, 3, 8L)], trial.Checkpoints.Select(c => (c.Kind, c.Epoch, c.SizeBytes)));
        Assert.Equal(
            [(CampaignEventKind.TrialLeased, 0, "trial 0 leased"), (CampaignEventKind.TrialCompleted, 0, "trial 0 complete")],
            trial.Events.Select(e => (e.Kind, e.TrialNumber!.Value, e.Message)));
        Assert.True(trial.Events[0].Id < trial.Events[1].Id);
    }

    [Fact]
    public async Task A_trial_that_never_ran_has_no_curve_and_unknown_numbers_read_as_null()
    {
        var s = await ScenarioAsync();

        var waiting = await ReadModel.GetTrialAsync(s.CampaignId, 6);

        Assert.NotNull(waiting);
        Assert.Equal(TrialStatus.Waiting, waiting.Trial.Status);
        Assert.Null(waiting.StartedAt);
        Assert.Empty(waiting.Curve);
        Assert.Empty(waiting.Attempts);
        Assert.Empty(waiting.Checkpoints);
        Assert.Empty(waiting.Events);
        Assert.Null(await ReadModel.GetTrialAsync(s.CampaignId, 99));
    }

    [Fact]
    public async Task A_comparison_lists_the_trials_in_the_order_asked_and_the_configuration_paths_that_differ()
    {
        var s = await ScenarioAsync();

        var comparison = await ReadModel.CompareAsync(s.CampaignId, [4, 0]);

        Assert.NotNull(comparison);
        Assert.Equal([4, 0], comparison.Trials.Select(t => t.Trial.Number));
        Assert.Equal(["architecture.blocks[1].width", "training.learning_rate"], comparison.Differences);
        Assert.Equal(3, comparison.Trials[1].Curve.Count);
        Assert.Empty((await ReadModel.CompareAsync(s.CampaignId, [0, 1, 2, 3]))!.Differences);
    }

    [Fact]
    public async Task A_comparison_with_an_unknown_trial_reads_as_null()
    {
        var s = await ScenarioAsync();

        Assert.Null(await ReadModel.CompareAsync(s.CampaignId, [0, 99]));
    }

    [Theory]
    [InlineData(new[] { 0 })]
    [InlineData(new int[0])]
    [InlineData(new[] { 0, 1, 2, 3, 4 })]
    [InlineData(new[] { 0, 1, 0 })]
    public async Task A_comparison_of_too_few_too_many_or_repeated_trials_is_refused(int[] numbers)
    {
        var campaign = await NewCampaignAsync(DefinitionJson(SearchJson));

        var error = await Assert.ThrowsAsync<ArgumentException>(() => ReadModel.CompareAsync(campaign.Id, numbers));

        Assert.Equal("numbers", error.ParamName);
    }
}
