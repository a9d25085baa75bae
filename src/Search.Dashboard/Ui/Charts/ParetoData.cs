using NinSearch.Store.ReadModel;

namespace NinSearch.Dashboard.Ui.Charts;

/// <summary>The accuracy-against-MACs chart: the trials off the Pareto front, and the front by increasing MACs.</summary>
public sealed record ParetoData(ParetoPoints Trials, ParetoPoints Front)
{
    public int Count => Trials.Trials.Length + Front.Trials.Length;

    public static ParetoData From(ParetoView? view)
    {
        var points = view?.Points ?? [];
        return new ParetoData(ParetoPoints.Of(points.Where(p => !p.OnFront)), ParetoPoints.Of(points.Where(p => p.OnFront).OrderBy(p => p.Macs)));
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
