using NinSearch.Spec;
using NinSearch.Store.Entities;

namespace NinSearch.Store.InMemory;

public sealed partial class InMemoryCampaignStore
{
    /// <inheritdoc />
    public Task<bool> CreateCampaignAsync(Campaign campaign, CancellationToken cancellationToken = default) => Atomically(() =>
    {
        ArgumentNullException.ThrowIfNull(campaign);
        if (_campaigns.ContainsKey(campaign.Id))
        {
            return false;
        }

        var row = campaign.Copy();
        row.Version = 0;
        row.CreatedAt = row.CreatedAt == default ? Now() : row.CreatedAt.ToUniversalTime();
        row.StartedAt = row.StartedAt?.ToUniversalTime();
        row.EndedAt = row.EndedAt?.ToUniversalTime();
        _campaigns.Add(row.Id, row);
        return true;
    }, cancellationToken);

    /// <inheritdoc />
    public Task<Campaign?> GetCampaignAsync(string campaignId, CancellationToken cancellationToken = default) => Atomically(
        () => _campaigns.GetValueOrDefault(campaignId)?.Copy(),
        cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<Campaign>> ListCampaignsAsync(CampaignStatus? status = null, CancellationToken cancellationToken = default) =>
        Atomically<IReadOnlyList<Campaign>>(
            () => _campaigns.Values
                .Where(c => status is null || c.Status == status)
                .OrderByDescending(c => c.CreatedAt)
                .ThenBy(c => c.Id, StringComparer.Ordinal)
                .Select(c => c.Copy())
                .ToList(),
            cancellationToken);

    /// <inheritdoc />
    public Task<long?> SaveCampaignStateAsync(
        string campaignId,
        CampaignStatus status,
        string? reason,
        int trialsCreated,
        long epochsUsed,
        long? expectedVersion = null,
        CancellationToken cancellationToken = default) => Atomically<long?>(() =>
    {
        if (!_campaigns.TryGetValue(campaignId, out var row)
            || IsTerminal(row.Status)
            || (expectedVersion is { } version && row.Version != version))
        {
            return null;
        }

        var now = Now();
        row.Status = status;
        row.Reason = reason;
        row.TrialsCreated = trialsCreated;
        row.EpochsUsed = epochsUsed;
        row.Version++;
        if (status == CampaignStatus.Running)
        {
            row.StartedAt ??= now;
        }

        if (IsTerminal(status))
        {
            row.EndedAt = now;
        }

        return row.Version;
    }, cancellationToken);
}
