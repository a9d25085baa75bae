using NinSearch.Dashboard.Ui.Live;

namespace NinSearch.Dashboard.Ui.Charts;

/// <summary>The learning curves chart: every trial's curve, grouped (<see cref="CurveSeries"/>), and the last epoch drawn.</summary>
public sealed record LearningCurvesData(IReadOnlyList<CurveSeries> Series, int MaxEpoch)
{
    public static LearningCurvesData From(LiveCampaign campaign)
    {
        var series = CurveSeries.From(campaign);
        return new LearningCurvesData(series, series.SelectMany(s => s.X).Select(x => x ?? 0).DefaultIfEmpty(0).Max());
    }
}
