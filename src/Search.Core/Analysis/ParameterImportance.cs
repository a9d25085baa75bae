namespace NinSearch.Core.Analysis;

/// <summary>A parameter's share of the objective's variance; the shares of one evaluation sum to 1 (or are all 0).</summary>
public sealed record ParameterImportance(string Parameter, double Importance);
