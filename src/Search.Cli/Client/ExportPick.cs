using NinSearch.Core.Pareto;
using NinSearch.Spec;
using NinSearch.Store.ReadModel;

namespace NinSearch.Cli.Client;

/// <summary>
/// Which trial <c>campaign export</c> takes when told a rule instead of a number: the knee of the accuracy–MACs front,
/// or the most accurate trial within a MACs, parameter or latency budget (budgets combine). Among complete trials, by
/// best validation accuracy (test accuracy never chooses); a latency budget counts only trials whose latency was
/// measured. Throws <see cref="ApiException"/> with one line when no trial qualifies.
/// </summary>
internal static class ExportPick
{
    private static readonly Objective[] Objectives = [Objective.ValAccuracy, Objective.Macs, Objective.Params];

    public static int Choose(IReadOnlyList<TrialHistory> trials, ExportRule rule)
    {
        var complete = trials.Where(t => t.Status == TrialStatus.Complete && t.BestValidationAccuracy is not null).ToList();
        if (complete.Count == 0) throw new ApiException("the campaign has no complete trial to export yet");
        var points = complete
            .Where(t => rule.MaxLatencyMs is not { } budget || t.LatencyMs <= budget)
            .Select(t => new ObjectivePoint(t.Number, [t.BestValidationAccuracy!.Value, t.Macs, t.ParameterCount]))
            .ToList();
        if (rule.MaxParams is { } paramBudget) points = [.. points.Where(p => p.Values[2] <= paramBudget)];
        ObjectivePoint? chosen;
        if (rule.MaxMacs is { } macsBudget) chosen = ParetoPick.MostAccurateUnder(Objectives, points, Objective.Macs.Name, macsBudget);
        else if (rule.Knee) chosen = ParetoPick.Knee([Objective.ValAccuracy, Objective.Macs], points.Select(p => new ObjectivePoint(p.TrialId, [p.Values[0], p.Values[1]])));
        else chosen = points.Count == 0 ? null : ParetoPick.MostAccurateUnder(Objectives, points, Objective.Params.Name, double.PositiveInfinity);
        return chosen is { } point
            ? (int)point.TrialId
            : throw new ApiException($"no complete trial is within {Budget(rule)}");
    }

    private static string Budget(ExportRule rule)
    {
        var parts = new List<string>();
        if (rule.MaxMacs is { } m) parts.Add($"{m:N0} MACs");
        if (rule.MaxParams is { } p) parts.Add($"{p:N0} parameters");
        if (rule.MaxLatencyMs is { } l) parts.Add($"{l:0.###} ms per image (measured)");
        return parts.Count == 0 ? "the budget" : string.Join(" and ", parts);
    }
}

/// <summary>A rule <c>campaign export</c> picks a trial by (<see cref="ExportPick"/>).</summary>
/// <param name="Knee">The knee of the accuracy–MACs front.</param>
/// <param name="MaxMacs">At most this many MACs per image.</param>
/// <param name="MaxParams">At most this many parameters.</param>
/// <param name="MaxLatencyMs">At most this many milliseconds per image at batch 1, as the worker measured.</param>
internal sealed record ExportRule(bool Knee = false, long? MaxMacs = null, long? MaxParams = null, double? MaxLatencyMs = null)
{
    /// <summary>Whether any rule is set (otherwise the campaign's best trial is exported).</summary>
    public bool Any => Knee || MaxMacs is not null || MaxParams is not null || MaxLatencyMs is not null;
}
