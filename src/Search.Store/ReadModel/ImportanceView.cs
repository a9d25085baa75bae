namespace NinSearch.Store.ReadModel;

/// <summary>
/// Each searched parameter's importance for validation accuracy (<c>GET /api/v1/campaigns/{id}/importance</c>).
/// </summary>
/// <param name="Method">How it was computed (e.g. <c>fanova</c>: Optuna's fANOVA on a random forest).</param>
/// <param name="Trials">The finished trials it used.</param>
/// <param name="Parameters">Parameters, most important first; importances sum to 1 (all 0 when the objective never varied).</param>
public sealed record ImportanceView(string Method, int Trials, IReadOnlyList<ParameterImportanceEntry> Parameters);

/// <summary>One parameter's share of the variance of validation accuracy.</summary>
public sealed record ParameterImportanceEntry(string Parameter, double Importance);
