namespace NinSearch.Store.InMemory;

public sealed partial class InMemoryCampaignStore
{
    /// <inheritdoc />
    public Task<IReadOnlyList<LeaderboardRow>> GetLeaderboardAsync(string campaignId, int top = 20, CancellationToken cancellationToken = default) =>
        Atomically<IReadOnlyList<LeaderboardRow>>(() =>
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
            return TrialsOf(campaignId)
                .Where(t => t.BestValAccuracy is not null)
                .OrderByDescending(t => t.BestValAccuracy)
                .ThenBy(t => t.Number)
                .Take(top)
                .Select(t => new LeaderboardRow(
                    t.Id,
                    t.Number,
                    t.Status,
                    t.BestValAccuracy!.Value,
                    t.BestEpoch,
                    t.TestAccuracy,
                    t.Params,
                    t.Macs,
                    _epochs.TryGetValue(t.Id, out var epochs) ? epochs.Count : 0,
                    t.TrainSeconds,
                    t.WorkerId,
                    t.ConfigJson))
                .ToList();
        }, cancellationToken);
}
