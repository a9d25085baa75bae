using NinSearch.Store.Entities;

namespace NinSearch.Store.InMemory;

public sealed partial class InMemoryCampaignStore
{
    /// <inheritdoc />
    public Task<long> AddEventAsync(CampaignEvent campaignEvent, CancellationToken cancellationToken = default) => Atomically(() =>
    {
        ArgumentNullException.ThrowIfNull(campaignEvent);
        if (!_campaigns.ContainsKey(campaignEvent.CampaignId))
        {
            // The databases refuse this with a foreign-key violation.
            throw new InvalidOperationException($"An event of campaign '{campaignEvent.CampaignId}', which does not exist.");
        }

        var row = campaignEvent.Copy();
        row.Id = ++_lastEventId;
        row.At = row.At == default ? Now() : row.At.ToUniversalTime();
        if (!_events.TryGetValue(row.CampaignId, out var log))
        {
            log = [];
            _events.Add(row.CampaignId, log);
        }

        log.Add(row);
        return row.Id;
    }, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<CampaignEvent>> GetEventsAsync(string campaignId, long afterId = 0, int limit = 100, CancellationToken cancellationToken = default) =>
        Atomically<IReadOnlyList<CampaignEvent>>(() =>
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
            if (!_events.TryGetValue(campaignId, out var log))
            {
                return [];
            }

            // Ids grow with insertion, so each campaign's log is sorted by id.
            var start = log.FindIndex(e => e.Id > afterId);
            return start < 0 ? [] : log.Skip(start).Take(limit).Select(e => e.Copy()).ToList();
        }, cancellationToken);
}
