using NinSearch.Core.Spaces;

namespace NinSearch.Core.Analysis;

/// <summary>
/// One finished trial as <see cref="FanovaImportance"/> sees it: its parameter values by dimension name (inactive
/// conditional dimensions absent) and its objective, e.g. the best validation accuracy.
/// </summary>
public sealed record ImportanceTrial(IReadOnlyDictionary<string, ParamValue> Parameters, double Objective)
{
    /// <summary>A trial from a sampled <see cref="Configuration"/> (e.g. read back with <see cref="SearchSpaceJson.ReadConfiguration"/>).</summary>
    public static ImportanceTrial Of(Configuration configuration, double objective) => new(configuration.Values, objective);
}
