using NinSearch.Dashboard.Ui.Live;
using NinSearch.Spec;

namespace NinSearch.Dashboard.Ui.Charts;

/// <summary>
/// The learning curves chart: every trial's curve, grouped (<see cref="CurveSeries"/>); a marker where each trial
/// stopped early ended, at its rung (markers on one pixel merged); and the last epoch drawn.
/// </summary>
public sealed record LearningCurvesData(IReadOnlyList<CurveSeries> Series, MergedMarkers Stops, int MaxEpoch)
{
    public static LearningCurvesData From(LiveCampaign campaign)
    {
        var series = CurveSeries.From(campaign);
        var stops = campaign.Trials
            .Where(t => t.Status == TrialStatus.Pruned && t.Curve.Count > 0)
            .Select(t => new Marker(t.Curve[^1].Epoch, Math.Round(t.Curve[^1].ValidationAccuracy * 100, 3), t.Number))
            .ToList();
        return new LearningCurvesData(series, MergedMarkers.Of(stops), series.SelectMany(s => s.X).Select(x => x ?? 0).DefaultIfEmpty(0).Max());
    }
}
