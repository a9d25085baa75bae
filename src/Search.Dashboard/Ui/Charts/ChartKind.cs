namespace NinSearch.Dashboard.Ui.Charts;

/// <summary>The campaign page's charts, each drawn by its figure in wwwroot/js/charts.js (named in camel case there).</summary>
public enum ChartKind
{
    /// <summary><see cref="LearningCurvesData"/>.</summary>
    LearningCurves,

    /// <summary><see cref="BestSoFarData"/>.</summary>
    BestSoFar,

    /// <summary><see cref="ParetoData"/>.</summary>
    Pareto,

    /// <summary><see cref="ImportanceData"/>.</summary>
    Importance,

    /// <summary><see cref="ParallelCoordinatesData"/>.</summary>
    ParallelCoordinates,
}
