using System.Text.Json;
using NinSearch.Dashboard.Ui.Charts;
using NinSearch.Spec;
using NinSearch.Store.ReadModel;
using static NinSearch.Dashboard.Tests.Live.LiveCampaigns;

namespace NinSearch.Dashboard.Tests.Charts;

public sealed class ChartDataTests
{
    // What Blazor's JS interop sends to wwwroot/js/charts.js.
    private static readonly JsonSerializerOptions Interop = new(JsonSerializerDefaults.Web);

    [Fact]
    public void Learning_curves_reach_the_browser_as_number_arrays_with_the_trial_of_each_point_and_the_group_by_name()
    {
        var campaign = Create(Trial(0, TrialStatus.Complete, 0.5, 0.6, 0.65), Trial(4, TrialStatus.Pruned, 0.4));

        var json = JsonSerializer.SerializeToElement(LearningCurvesData.From(campaign), Interop);

        Assert.Equal(3, json.GetProperty("maxEpoch").GetInt32());
        var stops = json.GetProperty("series").EnumerateArray().Single(s => s.GetProperty("group").GetString() == "Stops");
        Assert.Equal("[1]", stops.GetProperty("x").GetRawText());
        Assert.Equal("[40]", stops.GetProperty("y").GetRawText());
        Assert.Equal("[4]", stops.GetProperty("trials").GetRawText());
        var best = json.GetProperty("series").EnumerateArray().Single(s => s.GetProperty("group").GetString() == "Best");
        Assert.Equal("[0,0,0,null]", best.GetProperty("trials").GetRawText());
    }

    [Fact]
    public void An_empty_campaign_has_no_curves_and_no_best_so_far()
    {
        var campaign = Create();
        Assert.Equal((0, 0), (LearningCurvesData.From(campaign).Series.Count, LearningCurvesData.From(campaign).MaxEpoch));
        Assert.Equal(0, BestSoFarData.From(campaign).Count);
    }

    [Fact]
    public void Best_so_far_steps_are_in_minutes_since_the_start_with_the_trial_and_epoch_that_reached_them()
    {
        var campaign = Create(Trial(0, TrialStatus.Complete, 0.5, 0.7), Trial(6, TrialStatus.Complete, 0.9));

        var data = BestSoFarData.From(campaign);

        Assert.Equal([50.0, 70.0, 90.0], data.Accuracy);
        Assert.Equal([0, 0, 6], data.Trials);
        Assert.Equal([1, 2, 1], data.Epochs);
        Assert.Equal(Math.Round(60 / 60.0, 3), data.Minutes[^1]);
    }

    [Fact]
    public void The_pareto_front_is_apart_from_the_other_trials_by_increasing_macs()
    {
        var view = new ParetoView(
        [
            new ParetoEntry(1, 0.9, 3_000_000, 30_000, OnFront: true),
            new ParetoEntry(2, 0.7, 2_000_000, 20_000, OnFront: false),
            new ParetoEntry(3, 0.8, 1_000_000, 10_000, OnFront: true),
        ]);

        var data = ParetoData.From(view);

        Assert.Equal([3, 1], data.Front.Trials);
        Assert.Equal([1.0, 3.0], data.Front.Macs);
        Assert.Equal([80.0, 90.0], data.Front.Accuracy);
        Assert.Equal([2], data.Trials.Trials);
        Assert.Equal([20_000L], data.Trials.Parameters);
        Assert.Equal(3, data.Count);
    }

    [Fact]
    public void Importance_bars_are_the_twelve_most_important_least_first_without_those_that_never_mattered()
    {
        var parameters = Enumerable.Range(0, 15).Select(i => new ParameterImportanceEntry($"p{i}", 15 - i))
            .Append(new ParameterImportanceEntry("fixed", 0)).ToList();

        var data = ImportanceData.From(new ImportanceView("fanova", 100, parameters));

        Assert.Equal(ImportanceData.MaxBars, data.Parameters.Length);
        Assert.Equal("p11", data.Parameters[0]);
        Assert.Equal("p0", data.Parameters[^1]);
        Assert.DoesNotContain("fixed", data.Parameters);
    }
}
