using System.Text.Json;
using NinSearch.Dashboard.Ui.Live;
using NinSearch.Spec;
using static NinSearch.Dashboard.Tests.Live.LiveCampaigns;

namespace NinSearch.Dashboard.Tests.Live;

public sealed class ParameterAxesTests
{
    [Fact]
    public void Numeric_parameters_keep_their_values_and_categorical_ones_become_indices_with_labels()
    {
        var campaign = Create(
            WithParams(Trial(0, TrialStatus.Complete, 0.8), """{"lr": 0.1, "pool": "max", "blocks": 2, "same": 1}"""),
            WithParams(Trial(1, TrialStatus.Pruned, 0.5), """{"lr": 0.05, "pool": "avg", "blocks": 3, "same": 1}"""),
            WithParams(Trial(2, TrialStatus.Complete, 0.9), """{"lr": 0.2, "pool": "max", "blocks": 3, "same": 1, "width_3": 64}"""),
            WithParams(Trial(3, TrialStatus.Running, 0.95), """{"lr": 0.3, "pool": "none", "blocks": 2, "same": 1}"""));

        var axes = ParameterAxes.From(campaign.Trials);

        // "same" never varies; trial 3 has not finished.
        Assert.Equal(["blocks", "lr", "pool", "width_3", "validation %"], axes.Select(a => a.Label));
        var lr = axes.Single(a => a.Label == "lr");
        Assert.Equal([0.1, 0.05, 0.2], lr.Values);
        Assert.Null(lr.TickValues);
        var pool = axes.Single(a => a.Label == "pool");
        Assert.Equal(["avg", "max"], pool.TickText!);
        Assert.Equal([1, 0, 1], pool.Values);
        var width = axes.Single(a => a.Label == "width_3");
        Assert.Equal([ParameterAxes.Missing, "64"], width.TickText!);
        Assert.Equal([0, 0, 1], width.Values);
        Assert.Equal([80.0, 50.0, 90.0], axes[^1].Values);
    }

    [Fact]
    public void Fewer_than_two_finished_trials_give_no_axes()
    {
        var campaign = Create(WithParams(Trial(0, TrialStatus.Complete, 0.8), """{"lr": 0.1}"""));
        Assert.Empty(ParameterAxes.From(campaign.Trials));
    }

    [Fact]
    public void Past_the_line_cap_the_most_accurate_trials_are_drawn_in_number_order()
    {
        var campaign = Create([.. Enumerable.Range(0, 7).Select(n =>
            WithParams(Trial(n, TrialStatus.Complete, 0.5 + (n * 3 % 7) / 100.0), $$"""{"lr": {{n}}}"""))]);

        var axes = ParameterAxes.From(campaign.Trials, maxLines: 3);

        // Accuracies by number: 0.50 0.53 0.56 0.52 0.55 0.51 0.54; the best three are trials 2, 4 and 6.
        Assert.Equal([2.0, 4.0, 6.0], axes.Single(a => a.Label == "lr").Values);
        Assert.Equal(7, ParameterAxes.Finished(campaign.Trials).Count());
    }

    private static NinSearch.Store.ReadModel.TrialHistory WithParams(NinSearch.Store.ReadModel.TrialHistory trial, string json)
    {
        using var document = JsonDocument.Parse(json);
        return trial with { Params = document.RootElement.Clone() };
    }
}
