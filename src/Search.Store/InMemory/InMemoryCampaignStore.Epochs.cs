using NinSearch.Store.Entities;

namespace NinSearch.Store.InMemory;

public sealed partial class InMemoryCampaignStore
{
    /// <inheritdoc />
    public Task<RecordEpochResult> RecordEpochAsync(Guid trialId, Guid leaseId, EpochMetric metric, CancellationToken cancellationToken = default) =>
        Atomically(() =>
        {
            ArgumentNullException.ThrowIfNull(metric);
            ArgumentOutOfRangeException.ThrowIfLessThan(metric.Epoch, 1, nameof(metric));
            if (!double.IsFinite(metric.ValAccuracy))
            {
                // Refused as by EfCampaignStore: PostgreSQL orders NaN above every number, so one NaN would top the leaderboard.
                throw new ArgumentOutOfRangeException(nameof(metric), metric.ValAccuracy, "ValAccuracy must be finite.");
            }

            if (!TryGetLeased(trialId, leaseId, out var trial))
            {
                return RecordEpochResult.StaleLease;
            }

            if (!_epochs.TryGetValue(trialId, out var epochs))
            {
                epochs = [];
                _epochs.Add(trialId, epochs);
            }

            var epoch = metric.Epoch;
            if (epochs.ContainsKey(epoch))
            {
                return RecordEpochResult.Duplicate;
            }

            var row = metric.Copy();
            row.TrialId = trialId;
            row.Attempt = trial.Attempt;
            row.ReportedAt = Now();
            epochs.Add(epoch, row);

            // Best accuracy, ties going to the earliest epoch, so the columns equal a recomputation from the rows.
            var accuracy = metric.ValAccuracy;
            if (trial.BestValAccuracy is not { } best || best < accuracy)
            {
                trial.BestValAccuracy = accuracy;
                trial.BestEpoch = epoch;
            }
            else if (best == accuracy && trial.BestEpoch > epoch)
            {
                trial.BestEpoch = epoch;
            }

            if (trial.LastEpoch is not { } last || last < epoch)
            {
                trial.LastEpoch = epoch;
            }

            return RecordEpochResult.Recorded;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<EpochMetric>> GetCampaignEpochsAsync(string campaignId, CancellationToken cancellationToken = default) =>
        Atomically<IReadOnlyList<EpochMetric>>(
            () => TrialsOf(campaignId)
                .SelectMany(t => _epochs.TryGetValue(t.Id, out var epochs) ? epochs.Values : Enumerable.Empty<EpochMetric>())
                .OrderBy(m => m.ReportedAt)
                .ThenBy(m => m.TrialId)
                .ThenBy(m => m.Epoch)
                .Select(m => m.Copy())
                .ToList(),
            cancellationToken);
}
