namespace NinSearch.Store.ReadModel;

/// <summary>A campaign's best trial so far: highest validation accuracy (test accuracy never ranks, it is only shown).</summary>
public sealed record BestTrial(int Number, double ValidationAccuracy, int? BestEpoch, double? TestAccuracy);
