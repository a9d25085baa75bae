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
    string Store)
{
    /// <summary>
    /// 0 when the campaign completed with something to show; 1 when it was cancelled or failed, or when every trial it
    /// ran failed (a dataset the workers cannot read ends that way, and must not look like success to a script).
    /// </summary>
    public int ExitCode => State == "completed" && !(Failed > 0 && Completed == 0 && Pruned == 0) ? 0 : 1;
}
