using NinSearch.Store.ReadModel;

namespace NinSearch.Dashboard.Ui.Charts;

/// <summary>
/// The accuracy-against-MACs chart: the trials off the Pareto front (markers on one pixel merged), and the front by
/// increasing MACs.
/// </summary>
public sealed record ParetoData(MergedMarkers Trials, ParetoPoints Front)
{
    public int Count => Trials.Count + Front.Trials.Length;

    public static ParetoData From(ParetoView? view)
    {
        var points = view?.Points ?? [];
        var cloud = points.Where(p => !p.OnFront)
            .Select(p => new Marker(Math.Round(p.Macs / 1e6, 4), Math.Round(p.ValidationAccuracy * 100, 3), p.Number, p.ParameterCount))
            .ToList();
        return new ParetoData(
            MergedMarkers.Of(cloud, m => $"trial {m.Trial} · {Format.Count(m.Parameters)} params"),
            ParetoPoints.Of(points.Where(p => p.OnFront).OrderBy(p => p.Macs)));
    }
}

/// <summary>Points of <see cref="ParetoData"/>: MACs in millions, validation accuracy in percent, trial and its parameter count.</summary>
public sealed record ParetoPoints(double[] Macs, double[] Accuracy, int[] Trials, long[] Parameters)
{
    public static ParetoPoints Of(IEnumerable<ParetoEntry> entries)
    {
        var list = entries.ToList();
        return new ParetoPoints(
            [.. list.Select(p => Math.Round(p.Macs / 1e6, 4))],
            [.. list.Select(p => Math.Round(p.ValidationAccuracy * 100, 3))],
            [.. list.Select(p => p.Number)],
            [.. list.Select(p => p.ParameterCount)]);
    }
}
