namespace NinSearch.Store.ReadModel;

/// <summary>
/// 2 to 4 trials side by side (<c>GET /api/v1/campaigns/{id}/compare?trials=…</c>), with the configuration paths
/// (e.g. <c>architecture.blocks[1].width</c>, <c>training.learning_rate</c>) whose values differ among them.
/// </summary>
public sealed record TrialComparison(IReadOnlyList<TrialDetail> Trials, IReadOnlyList<string> Differences);
