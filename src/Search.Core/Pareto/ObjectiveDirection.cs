namespace NinSearch.Core.Pareto;

/// <summary>Whether an <see cref="Objective"/> is better higher (accuracy) or lower (MACs, parameters, latency).</summary>
public enum ObjectiveDirection
{
    Maximize,
    Minimize,
}
