using System.Globalization;
using NinSearch.Spec;
using NinSearch.Store.ReadModel;

namespace NinSearch.Store.Tests.ReadModel;

public abstract partial class CampaignReadModelContract
{
    [Fact]
    public async Task The_pareto_view_marks_the_trials_no_other_beats_on_both_accuracy_and_macs()
    {
        var s = await ScenarioAsync();

        var pareto = await ReadModel.GetParetoAsync(s.CampaignId);

        // Trial 4 reaches trial 0's accuracy with fewer MACs; every other reported trial is on the front.
        Assert.Equal(
            [
                new ParetoEntry(0, 0.82, 9000, 3000, false),
                new ParetoEntry(1, 0.58, 4000, 1000, true),
                new ParetoEntry(2, 0.40, 2000, 2000, true),
                new ParetoEntry(3, 0.88, 20000, 5000, true),
                new ParetoEntry(4, 0.82, 6000, 1500, true),
            ],
            pareto!.Points);
        Assert.Empty((await ReadModel.GetParetoAsync((await NewCampaignAsync(DefinitionJson(SearchJson))).Id))!.Points);
    }

    [Fact]
    public async Task Importance_ranks_the_parameter_that_drives_accuracy_first_over_finished_trials_only()
    {
        var campaign = await NewCampaignAsync(DefinitionJson(SearchJson));
        var id = campaign.Id;
        var random = new Random(11);
        string[] optimizers = ["sgd", "adam"];
        var number = 0;

        // Accuracy rises with log(lr) alone; width and optimizer are noise.
        for (; number < 24; number++)
        {
            var lr = Math.Exp(Math.Log(0.001) + (Math.Log(0.3) - Math.Log(0.001)) * random.NextDouble());
            var paramsJson = string.Create(
                CultureInfo.InvariantCulture,
                $$"""{"lr":{{lr:R}},"width":{{32 * random.Next(1, 9)}},"opt":"{{optimizers[random.Next(2)]}}"}""");
            var accuracy = 0.5 + 0.07 * Math.Log(lr / 0.001) + 0.002 * random.NextDouble();
            await FinishedTrialAsync(id, number, paramsJson, accuracy, number % 5 == 0 ? TrialStatus.Pruned : TrialStatus.Complete);
        }

        // Not used: running, failed, pruned before any epoch, no sampler values, values outside the space.
        var running = await AddTrialAsync(id, number++, 1, 1, """{"lr":0.3,"width":32,"opt":"sgd"}""");
        await RecordAsync(running, await LeaseAsync(running, "w"), 1, 0.1);
        await FinishedTrialAsync(id, number++, """{"lr":0.3,"width":32,"opt":"sgd"}""", 0.1, TrialStatus.Failed);
        var unreported = await AddTrialAsync(id, number++, 1, 1, """{"lr":0.3,"width":32,"opt":"sgd"}""");
        Assert.True(await Store.CloseTrialAsync(unreported.Id, TrialStatus.Pruned, "never ran", T0));
        await FinishedTrialAsync(id, number++, null, 0.1, TrialStatus.Complete);
        await FinishedTrialAsync(id, number++, """{"lr":0.3,"depth":7}""", 0.1, TrialStatus.Complete);

        var importance = await ReadModel.GetImportanceAsync(id);

        Assert.NotNull(importance);
        Assert.Equal(("fanova", 24), (importance.Method, importance.Trials));
        Assert.Equal(["lr", "opt", "width"], importance.Parameters.Select(p => p.Parameter).Order(StringComparer.Ordinal));
        Assert.Equal("lr", importance.Parameters[0].Parameter);
        Assert.True(importance.Parameters[0].Importance > 0.8, $"lr explains {importance.Parameters[0].Importance:P1}");
        Assert.Equal(1.0, importance.Parameters.Sum(p => p.Importance), 9);

        // Cached until another trial finishes.
        Assert.Same(importance, await ReadModel.GetImportanceAsync(id));
        await FinishedTrialAsync(id, number, """{"lr":0.01,"width":64,"opt":"adam"}""", 0.74, TrialStatus.Complete);
        var after = await ReadModel.GetImportanceAsync(id);
        Assert.Equal(25, after!.Trials);
        Assert.Equal("lr", after.Parameters[0].Parameter);
    }

    [Fact]
    public async Task A_preset_search_has_no_parameters_to_rank()
    {
        var campaign = await NewCampaignAsync(DefinitionJson("""{"preset":"nin-small","trials":3}"""));
        await FinishedTrialAsync(campaign.Id, 0, null, 0.9, TrialStatus.Complete);

        var importance = await ReadModel.GetImportanceAsync(campaign.Id);

        Assert.NotNull(importance);
        Assert.Equal(("fanova", 0), (importance.Method, importance.Trials));
        Assert.Empty(importance.Parameters);
    }

    private async Task FinishedTrialAsync(string campaignId, int number, string? paramsJson, double accuracy, TrialStatus status)
    {
        var trial = await AddTrialAsync(campaignId, number, 1000, 1000, paramsJson);
        var lease = await LeaseAsync(trial, "w");
        await RecordAsync(trial, lease, 1, accuracy);
        await FinishAsync(trial, lease, status, status == TrialStatus.Complete ? accuracy : null, 1);
    }
}
