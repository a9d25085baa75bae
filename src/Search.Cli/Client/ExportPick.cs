using NinSearch.Core.Pareto;
using NinSearch.Spec;
using NinSearch.Store.ReadModel;

namespace NinSearch.Cli.Client;

/// <summary>
/// Which trial <c>campaign export</c> takes when told a rule instead of a number: the knee of the accuracy–MACs front,
/// or the most accurate trial within a MACs or parameter budget. Among complete trials, by best validation accuracy
/// (test accuracy never chooses). Throws <see cref="ApiException"/> with one line when no trial qualifies.
/// </summary>
internal static class ExportPick
{
    private static readonly Objective[] Objectives = [Objective.ValAccuracy, Objective.Macs, Objective.Params];

    public static int Choose(IReadOnlyList<TrialHistory> trials, bool knee, long? maxMacs, long? maxParams)
    {
        var points = trials
            .Where(t => t.Status == TrialStatus.Complete && t.BestValidationAccuracy is not null)
            .Select(t => new ObjectivePoint(t.Number, [t.BestValidationAccuracy!.Value, t.Macs, t.ParameterCount]))
            .ToList();
        if (points.Count == 0) throw new ApiException("the campaign has no complete trial to export yet");
        if (maxParams is { } paramBudget) points = [.. points.Where(p => p.Values[2] <= paramBudget)];
        ObjectivePoint? chosen;
        if (maxMacs is { } macsBudget) chosen = ParetoPick.MostAccurateUnder(Objectives, points, Objective.Macs.Name, macsBudget);
        else if (knee) chosen = ParetoPick.Knee([Objective.ValAccuracy, Objective.Macs], points.Select(p => new ObjectivePoint(p.TrialId, [p.Values[0], p.Values[1]])));
        else chosen = points.Count == 0 ? null : ParetoPick.MostAccurateUnder(Objectives, points, Objective.Params.Name, double.PositiveInfinity);
        return chosen is { } point
            ? (int)point.TrialId
            : throw new ApiException($"no complete trial is within {Budget(maxMacs, maxParams)}");
    }

    private static string Budget(long? maxMacs, long? maxParams) => (maxMacs, maxParams) switch
    {
        ({ } m, { } p) => $"{m:N0} MACs and {p:N0} parameters",
        ({ } m, null) => $"{m:N0} MACs",
        (null, { } p) => $"{p:N0} parameters",
        _ => "the budget",
    };
}
