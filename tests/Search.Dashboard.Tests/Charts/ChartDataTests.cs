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
        var stops = json.GetProperty("stops");
        Assert.Equal("[1]", stops.GetProperty("x").GetRawText());
        Assert.Equal("[40]", stops.GetProperty("y").GetRawText());
        Assert.Equal("[\"trial 4\"]", stops.GetProperty("labels").GetRawText());
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
        Assert.Equal(["trial 2 · 20k params"], data.Trials.Labels);
        Assert.Equal([2.0], data.Trials.X);
        Assert.Equal([70.0], data.Trials.Y);
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

    [Fact]
    public void Stop_markers_on_one_pixel_merge_into_one_that_names_every_trial_and_other_epochs_stay_apart()
    {
        var campaign = Create(
            [.. Enumerable.Range(0, 9).Select(n => Trial(n, TrialStatus.Pruned, 0.5 + n * 1e-6)),
             Trial(9, TrialStatus.Pruned, 0.5, 0.51),
             Trial(10, TrialStatus.Pruned, 0.9),
             Trial(11, TrialStatus.Complete, 0.95, 0.96)]);

        var stops = LearningCurvesData.From(campaign).Stops;

        Assert.Equal(3, stops.Count);
        Assert.Equal("trials 0, 1, 2, 3, 4, 5 and 3 more", stops.Labels[0]);
        Assert.Equal([1.0, 2.0, 1.0], stops.X);
        Assert.Equal(("trial 9", "trial 10"), (stops.Labels[1], stops.Labels[2]));
    }

    [Fact]
    public void Pareto_markers_merge_only_within_a_cell_of_their_own_range()
    {
        var view = new ParetoView(
        [
            new ParetoEntry(1, 0.90, 1_000_000, 10_000, OnFront: false),
            new ParetoEntry(2, 0.90, 1_000_001, 10_000, OnFront: false),
            new ParetoEntry(3, 0.80, 1_000_000, 10_000, OnFront: false),
            new ParetoEntry(4, 0.90, 2_000_000, 10_000, OnFront: false),
            new ParetoEntry(5, 0.95, 500_000, 5_000, OnFront: true),
        ]);

        var data = ParetoData.From(view);

        Assert.Equal(["trials 1, 2", "trial 3 · 10k params", "trial 4 · 10k params"], data.Trials.Labels);
        Assert.Equal(4, data.Count);
    }
}
