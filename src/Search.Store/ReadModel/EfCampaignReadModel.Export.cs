using Microsoft.EntityFrameworkCore;
using NinSearch.Spec;
using NinSearch.Store.Entities;

namespace NinSearch.Store.ReadModel;

public sealed partial class EfCampaignReadModel
{
    /// <inheritdoc />
    /// <exception cref="SpecException">The trial's stored configuration is not a <see cref="TrialConfig"/>.</exception>
    public async Task<ExportSource?> GetExportAsync(string campaignId, int? number, CancellationToken cancellationToken = default)
    {
        await using var db = await OpenAsync(cancellationToken);
        var chosen = number ?? await TrialsOf(db, campaignId)
            .Where(t => (t.Status == TrialStatus.Complete || t.Status == TrialStatus.Pruned)
                && t.TestAccuracy != null && t.BestValAccuracy != null)
            .OrderByDescending(t => t.BestValAccuracy)
            .ThenBy(t => t.Number)
            .Select(t => (int?)t.Number)
            .FirstOrDefaultAsync(cancellationToken);
        if (chosen is not { } trialNumber
            || (await LoadDetailsAsync(db, campaignId, [trialNumber], cancellationToken)) is not [var detail])
        {
            return null;
        }

        var weights = await store.LoadLatestCheckpointAsync(detail.Trial.TrialId, CheckpointKind.Final, cancellationToken);
        if (weights is null)
        {
            return null;
        }

        var config = SpecJson.Deserialize<TrialConfig>(detail.Config.GetRawText());
        return new ExportSource(campaignId, detail, config, weights.Data, weights.Epoch, weights.PreprocessingJson);
    }
}
