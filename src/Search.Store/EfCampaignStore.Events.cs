using Microsoft.EntityFrameworkCore;
using NinSearch.Store.Entities;

namespace NinSearch.Store;

public sealed partial class EfCampaignStore
{
    /// <inheritdoc />
    public async Task<long> AddEventAsync(CampaignEvent campaignEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(campaignEvent);
        var row = campaignEvent.Copy();
        row.Id = 0;
        if (row.At == default)
        {
            row.At = Now();
        }

        await using var db = await OpenAsync(cancellationToken);
        db.CampaignEvents.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        return row.Id;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<CampaignEvent>> GetEventsAsync(string campaignId, long afterId = 0, int limit = 100, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        await using var db = await OpenAsync(cancellationToken);
        return await db.CampaignEvents.AsNoTracking()
            .Where(e => e.CampaignId == campaignId && e.Id > afterId)
            .OrderBy(e => e.Id)
            .Take(limit)
            .ToListAsync(cancellationToken);
    }
}
