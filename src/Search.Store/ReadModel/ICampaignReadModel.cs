namespace NinSearch.Store.ReadModel;

/// <summary>
/// The query side of the store: what the REST API, the dashboard and the CLI read, as the API's records. Separate
/// from <see cref="ICampaignStore"/> (the coordinator's hot, conditional writes): every method is a read-only query
/// on its own connection, safe to call concurrently, and never blocks the coordination path beyond PostgreSQL's MVCC.
/// Methods about one campaign return null when the campaign (or the trial) is unknown.
/// </summary>
public interface ICampaignReadModel
{
    /// <summary>Every campaign, newest first.</summary>
    Task<IReadOnlyList<CampaignSummary>> ListCampaignsAsync(CancellationToken cancellationToken = default);

    /// <summary>One campaign with its definition and running trials.</summary>
    Task<CampaignDetail?> GetCampaignAsync(string campaignId, CancellationToken cancellationToken = default);

    /// <summary>A page of the campaign's leaderboard.</summary>
    Task<LeaderboardPage?> GetLeaderboardAsync(string campaignId, LeaderboardQuery query, CancellationToken cancellationToken = default);

    /// <summary>One trial in full, by its number.</summary>
    Task<TrialDetail?> GetTrialAsync(string campaignId, int number, CancellationToken cancellationToken = default);

    /// <summary>2 to 4 trials side by side; null when the campaign or any of the trials is unknown.</summary>
    /// <exception cref="ArgumentException">Fewer than 2 or more than 4 numbers, or a repeated one.</exception>
    Task<TrialComparison?> CompareAsync(string campaignId, IReadOnlyList<int> numbers, CancellationToken cancellationToken = default);

    /// <summary>Every trial with its validation curve and sampler values: learning curves, best so far, parallel coordinates.</summary>
    Task<CampaignHistory?> GetHistoryAsync(string campaignId, CancellationToken cancellationToken = default);

    /// <summary>Validation accuracy against MACs, front marked.</summary>
    Task<ParetoView?> GetParetoAsync(string campaignId, CancellationToken cancellationToken = default);

    /// <summary>Parameter importance over the campaign's finished trials.</summary>
    Task<ImportanceView?> GetImportanceAsync(string campaignId, CancellationToken cancellationToken = default);

    /// <summary>
    /// What exporting a trial needs: <paramref name="number"/>, or the campaign's best trial (highest validation
    /// accuracy among those that ended with a test accuracy) when null. Null when unknown or it has no final weights.
    /// </summary>
    Task<ExportSource?> GetExportAsync(string campaignId, int? number, CancellationToken cancellationToken = default);

    /// <summary>Every known worker, by id.</summary>
    Task<IReadOnlyList<WorkerSummary>> ListWorkersAsync(CancellationToken cancellationToken = default);
}
