using NinSearch.Dashboard.Ui.Live;

namespace NinSearch.Dashboard.Ui.Charts;

/// <summary>
/// The best-so-far chart: a step at each new best, in minutes since the campaign started and validation accuracy in
/// percent, with the trial and epoch that reached it (for the hover label).
/// </summary>
public sealed record BestSoFarData(double[] Minutes, double[] Accuracy, int[] Trials, int[] Epochs)
{
    public int Count => Minutes.Length;

    public static BestSoFarData From(LiveCampaign campaign)
    {
        var points = campaign.BestSoFar();
        var start = campaign.StartedAt ?? (points.Count > 0 ? points[0].At : default);
        return new BestSoFarData(
            [.. points.Select(p => Math.Round((p.At - start).TotalMinutes, 3))],
            [.. points.Select(p => Math.Round(p.ValidationAccuracy * 100, 3))],
            [.. points.Select(p => p.Trial)],
            [.. points.Select(p => p.Epoch)]);
    }
}
