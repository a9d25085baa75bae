namespace NinSearch.Store.ReadModel;

/// <summary>
/// Validation accuracy against MACs for every trial with a recorded epoch (<c>GET /api/v1/campaigns/{id}/pareto</c>),
/// with the trials on the Pareto front (maximise accuracy, minimise MACs) marked.
/// </summary>
public sealed record ParetoView(IReadOnlyList<ParetoEntry> Points);

/// <summary>One trial of a <see cref="ParetoView"/>.</summary>
public sealed record ParetoEntry(int Number, double ValidationAccuracy, long Macs, long ParameterCount, bool OnFront);
