using NinSearch.Core.Pareto;

namespace NinSearch.Silo.Search;

/// <summary>
/// A trial's value for each of a campaign's objectives, in their order: the validation accuracy the worker reported,
/// and the costs of its configuration as the silo's mapper counted them (an unknown cost counts as the worst).
/// </summary>
internal static class ObjectiveValues
{
    public static double[] Of(IReadOnlyList<Objective> objectives, double accuracy, long? parameters, long? macs) =>
        [.. objectives.Select(o => o.Name switch
        {
            "val_accuracy" => accuracy,
            "macs" => macs ?? double.PositiveInfinity,
            "params" => parameters ?? double.PositiveInfinity,
            _ => throw new InvalidOperationException($"objective {o.Name} is not measured"),
        })];
}
