using NinSearch.Store.ReadModel;

namespace NinSearch.Dashboard.Tests.Components;

/// <summary>A read model that answers leaderboard queries from a list, recording each query; nothing else.</summary>
internal sealed class FakeReadModel(IReadOnlyList<LeaderboardEntry> entries) : ICampaignReadModel
{
    public List<LeaderboardQuery> Queries { get; } = [];

    public Task<LeaderboardPage?> GetLeaderboardAsync(string campaignId, LeaderboardQuery query, CancellationToken cancellationToken = default)
    {
        Queries.Add(query);
        var ordered = query.Sort == LeaderboardSort.Number
            ? (query.Descending ? entries.OrderByDescending(e => e.Number) : entries.OrderBy(e => e.Number))
            : entries.OrderByDescending(e => e.BestValidationAccuracy);
        var matching = ordered.Where(e => query.Status is null || e.Status == query.Status).ToList();
        return Task.FromResult<LeaderboardPage?>(new LeaderboardPage([.. matching.Skip(query.Offset).Take(query.Limit)], matching.Count, query));
    }

    public Task<IReadOnlyList<CampaignSummary>> ListCampaignsAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task<CampaignDetail?> GetCampaignAsync(string campaignId, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task<TrialDetail?> GetTrialAsync(string campaignId, int number, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task<TrialComparison?> CompareAsync(string campaignId, IReadOnlyList<int> numbers, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task<CampaignHistory?> GetHistoryAsync(string campaignId, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task<ParetoView?> GetParetoAsync(string campaignId, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task<ImportanceView?> GetImportanceAsync(string campaignId, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task<ExportSource?> GetExportAsync(string campaignId, int? number, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task<IReadOnlyList<WorkerSummary>> ListWorkersAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();
}
