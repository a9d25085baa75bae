namespace NinSearch.Cli.Campaigns;

/// <summary>What <c>campaign run</c> and <c>demo</c> print as their last JSON line.</summary>
internal sealed record CampaignReport(
    string Campaign,
    string State,
    string? Reason,
    int Trials,
    int Completed,
    int Pruned,
    int Failed,
    int Rejected,
    long Epochs,
    int? BestTrial,
    double? BestValAccuracy,
    double? BestTestAccuracy,
    string? ExportDir,
    double Seconds,
    string Store);
