using NinSearch.Dashboard.Ui.Live;

namespace NinSearch.Dashboard.Ui.Charts;

/// <summary>The parallel-coordinates chart: its axes (<see cref="ParameterAxes"/>), lines coloured by the last one.</summary>
public sealed record ParallelCoordinatesData(IReadOnlyList<ParameterAxis> Axes);
