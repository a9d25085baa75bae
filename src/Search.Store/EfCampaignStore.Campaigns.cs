using Microsoft.EntityFrameworkCore;
using NinSearch.Spec;
using NinSearch.Store.Entities;

namespace NinSearch.Store;

public sealed partial class EfCampaignStore
{
    /// <inheritdoc />
    public async Task<bool> CreateCampaignAsync(Campaign campaign, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        await using var db = await OpenAsync(cancellationToken);
        if (await db.Campaigns.AnyAsync(c => c.Id == campaign.Id, cancellationToken))
        {
            return false;
        }

        var row = campaign.Copy();
        row.Version = 0;
        if (row.CreatedAt == default)
        {
            row.CreatedAt = Now();
        }

        db.Campaigns.Add(row);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            // Lost an insert race with another process: the campaign exists, which is what the caller wanted.
            await using var check = await OpenAsync(cancellationToken);
            if (await check.Campaigns.AnyAsync(c => c.Id == campaign.Id, cancellationToken))
            {
                return false;
            }

            throw;
        }
    }

    /// <inheritdoc />
    public async Task<Campaign?> GetCampaignAsync(string campaignId, CancellationToken cancellationToken = default)
    {
        await using var db = await OpenAsync(cancellationToken);
        return await db.Campaigns.AsNoTracking().SingleOrDefaultAsync(c => c.Id == campaignId, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Campaign>> ListCampaignsAsync(CampaignStatus? status = null, CancellationToken cancellationToken = default)
    {
        await using var db = await OpenAsync(cancellationToken);
        var query = db.Campaigns.AsNoTracking();
        if (status is { } wanted)
        {
            query = query.Where(c => c.Status == wanted);
        }

        return await query.OrderByDescending(c => c.CreatedAt).ThenBy(c => c.Id).ToListAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<long?> SaveCampaignStateAsync(
        string campaignId,
        CampaignStatus status,
        string? reason,
        int trialsCreated,
        long epochsUsed,
        long? expectedVersion = null,
        CancellationToken cancellationToken = default)
    {
        var now = Now();
        var terminal = IsTerminal(status);
        await using var db = await OpenAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var query = db.Campaigns.Where(c => c.Id == campaignId
            && c.Status != CampaignStatus.Completed
            && c.Status != CampaignStatus.Cancelled
            && c.Status != CampaignStatus.Failed);
        if (expectedVersion is { } version)
        {
            query = query.Where(c => c.Version == version);
        }

        var updated = await query.ExecuteUpdateAsync(
            s =>
            {
                s.SetProperty(c => c.Status, status)
                    .SetProperty(c => c.Reason, reason)
                    .SetProperty(c => c.TrialsCreated, trialsCreated)
                    .SetProperty(c => c.EpochsUsed, epochsUsed)
                    .SetProperty(c => c.Version, c => c.Version + 1);
                if (status == CampaignStatus.Running)
                {
                    s.SetProperty(c => c.StartedAt, c => c.StartedAt ?? now);
                }

                if (terminal)
                {
                    s.SetProperty(c => c.EndedAt, now);
                }
            },
            cancellationToken);
        if (updated == 0)
        {
            return null;
        }

        var newVersion = await db.Campaigns.Where(c => c.Id == campaignId).Select(c => c.Version).SingleAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return newVersion;
    }
}
