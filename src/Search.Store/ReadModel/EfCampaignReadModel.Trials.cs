using Microsoft.EntityFrameworkCore;
using NinSearch.Store.Entities;

namespace NinSearch.Store.ReadModel;

public sealed partial class EfCampaignReadModel
{
    /// <summary>The fewest and most trials a comparison shows.</summary>
    private const int MinCompared = 2, MaxCompared = 4;

    /// <inheritdoc />
    public async Task<TrialDetail?> GetTrialAsync(string campaignId, int number, CancellationToken cancellationToken = default)
    {
        await using var db = await OpenAsync(cancellationToken);
        var details = await LoadDetailsAsync(db, campaignId, [number], cancellationToken);
        return details.Count == 1 ? details[0] : null;
    }

    /// <inheritdoc />
    public async Task<TrialComparison?> CompareAsync(string campaignId, IReadOnlyList<int> numbers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(numbers);
        if (numbers.Count is < MinCompared or > MaxCompared)
        {
            throw new ArgumentException($"Compare {MinCompared} to {MaxCompared} trials, not {numbers.Count}.", nameof(numbers));
        }

        if (numbers.Distinct().Count() != numbers.Count)
        {
            throw new ArgumentException($"Trial numbers repeat: {string.Join(", ", numbers)}.", nameof(numbers));
        }

        await using var db = await OpenAsync(cancellationToken);
        var details = await LoadDetailsAsync(db, campaignId, numbers, cancellationToken);
        if (details.Count != numbers.Count)
        {
            return null;
        }

        return new TrialComparison(details, ConfigDifferences.Between([.. details.Select(d => d.Config)]));
    }

    /// <summary>
    /// The trials of <paramref name="campaignId"/> with the given numbers, in the order given (unknown ones left out),
    /// in four queries whatever their number: trials, epochs, checkpoints (without their bytes) and events.
    /// </summary>
    private static async Task<List<TrialDetail>> LoadDetailsAsync(
        SearchDbContext db, string campaignId, IReadOnlyList<int> numbers, CancellationToken cancellationToken)
    {
        var trials = await TrialsOf(db, campaignId)
            .Where(t => numbers.Contains(t.Number))
            .Select(t => new { Row = new TrialRow(
                t.Id, t.Number, t.Status, t.BestValAccuracy, t.BestEpoch, t.TestAccuracy, t.Params, t.Macs, t.LastEpoch,
                t.Attempt, t.TrainSeconds, t.WorkerId, t.Reason, t.ParamsJson, t.LatencyMs, t.InferenceImagesPerSecond), t.ConfigJson, t.CreatedAt, t.StartedAt, t.EndedAt })
            .ToListAsync(cancellationToken);
        if (trials.Count == 0)
        {
            return [];
        }

        var ids = trials.Select(t => t.Row.Id).ToList();
        var epochs = (await db.EpochMetrics.AsNoTracking()
                .Where(m => ids.Contains(m.TrialId))
                .OrderBy(m => m.Epoch)
                .ToListAsync(cancellationToken))
            .ToLookup(m => m.TrialId);
        var checkpoints = (await db.Checkpoints.AsNoTracking()
                .Where(c => ids.Contains(c.TrialId))
                .Select(c => new { c.TrialId, Summary = new CheckpointSummary(c.Kind, c.Epoch, c.SizeBytes, c.CreatedAt) })
                .ToListAsync(cancellationToken))
            .ToLookup(c => c.TrialId, c => c.Summary);
        var events = (await db.CampaignEvents.AsNoTracking()
                .Where(e => e.CampaignId == campaignId && e.TrialId != null && ids.Contains(e.TrialId.Value))
                .OrderBy(e => e.Id)
                .ToListAsync(cancellationToken))
            .ToLookup(e => e.TrialId!.Value);

        var byNumber = trials.ToDictionary(t => t.Row.Number);
        return [.. numbers.Where(byNumber.ContainsKey).Select(n =>
        {
            var t = byNumber[n];
            var curve = epochs[t.Row.Id].ToList();
            return new TrialDetail(
                campaignId,
                ToEntry(t.Row),
                ParseJson(t.ConfigJson),
                t.CreatedAt,
                t.StartedAt,
                t.EndedAt,
                [.. curve.Select(ToPoint)],
                Attempts(curve),
                [.. checkpoints[t.Row.Id].OrderBy(c => c.Kind).ThenBy(c => c.Epoch)],
                [.. events[t.Row.Id].Select(e => new EventEntry(e.Id, e.At, e.Kind, t.Row.Number, e.Message))]);
        })];
    }

    /// <summary>Attempts from the epochs each reported (a curve ordered by epoch), by attempt.</summary>
    private static List<AttemptSummary> Attempts(IReadOnlyList<EpochMetric> curve) =>
    [
        .. curve.GroupBy(m => m.Attempt)
            .OrderBy(g => g.Key)
            .Select(g => new AttemptSummary(g.Key, g.Min(m => m.Epoch), g.Max(m => m.Epoch), g.Min(m => m.ReportedAt), g.Max(m => m.ReportedAt))),
    ];

    private static EpochPoint ToPoint(EpochMetric m) => new(
        m.Epoch, m.Attempt, m.TrainLoss, m.TrainAccuracy, m.ValLoss, m.ValAccuracy, m.LearningRate, m.Seconds, m.ImagesPerSecond, m.ReportedAt);
}
