using NinSearch.Core.Pareto;

namespace NinSearch.Core.Campaigns;

public static partial class CampaignValidator
{
    // What a trial can be judged on today: its per-epoch metric and the analytic costs of its configuration. Workers
    // measure latency only when a trial ends, after the rungs that rank it, so it is a constraint, not an objective.
    private static readonly Dictionary<string, ObjectiveDirection> KnownObjectives = new(StringComparer.Ordinal)
    {
        [Objective.ValAccuracy.Name] = ObjectiveDirection.Maximize,
        [Objective.Macs.Name] = ObjectiveDirection.Minimize,
        [Objective.Params.Name] = ObjectiveDirection.Minimize,
    };

    /// <summary>Validation accuracy (maximized) first, then known costs (minimized), none twice.</summary>
    private static void CheckObjectives(IReadOnlyList<Objective> objectives, FieldErrorList errors)
    {
        const string path = "search.objectives";
        if (objectives.Count == 0) { errors.Add(path, "must name at least one objective (val_accuracy first), or be left out"); return; }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < objectives.Count; i++)
        {
            var (name, direction) = (objectives[i]?.Name, objectives[i]?.Direction);
            if (name is null || !KnownObjectives.TryGetValue(name, out var expected))
            {
                var why = name == Objective.LatencyMs.Name ? "; latency is measured only when a trial ends, after the rungs that rank it: constrain it with search.max_latency_ms" : "";
                errors.Add($"{path}[{i}].name", $"unknown objective '{JsonShape.Shorten(name ?? "")}'; expected one of {string.Join(", ", KnownObjectives.Keys)}{why}");
                continue;
            }
            if (i == 0 && name != Objective.ValAccuracy.Name)
                errors.Add($"{path}[0].name", $"the first objective is the per-epoch metric the schedulers rank by: val_accuracy, not {name}");
            else if (!seen.Add(name))
                errors.Add($"{path}[{i}].name", $"'{name}' is named twice");
            if (direction != expected)
                errors.Add($"{path}[{i}].direction", $"{name} can only be {JsonShape.SnakeCase(expected.ToString())}d");
        }
    }
}
