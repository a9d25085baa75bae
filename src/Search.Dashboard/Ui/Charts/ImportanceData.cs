using NinSearch.Store.ReadModel;

namespace NinSearch.Dashboard.Ui.Charts;

/// <summary>The importance chart's bars, least important first (plotly draws the first bar at the bottom).</summary>
public sealed record ImportanceData(string[] Parameters, double[] Importance)
{
    /// <summary>The most bars drawn: 12.</summary>
    public const int MaxBars = 12;

    /// <summary>The <see cref="MaxBars"/> most important parameters; those that never mattered (often fixed ones) are left out.</summary>
    public static ImportanceData From(ImportanceView? view)
    {
        var parameters = (view?.Parameters ?? []).Where(p => p.Importance > 0).Take(MaxBars).Reverse().ToList();
        return new ImportanceData([.. parameters.Select(p => p.Parameter)], [.. parameters.Select(p => Math.Round(p.Importance, 4))]);
    }
}
