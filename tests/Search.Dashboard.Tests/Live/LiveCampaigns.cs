using System.Text.Json;
using NinSearch.Abstractions;
using NinSearch.Dashboard.Ui.Live;
using NinSearch.Spec;
using NinSearch.Store.ReadModel;

namespace NinSearch.Dashboard.Tests.Live;

/// <summary>Builds live campaigns and their updates for tests: campaign "c1", started at <see cref="Start"/>.</summary>
internal static class LiveCampaigns
{
    public const string Id = "c1";

    public static readonly DateTimeOffset Start = new(2026, 1, 5, 10, 0, 0, TimeSpan.Zero);

    public static LiveCampaign Create(params TrialHistory[] trials) => Create(trials, []);

    public static LiveCampaign Create(IReadOnlyList<TrialHistory> trials, IReadOnlyList<LeaderboardEntry> running, CampaignStatus status = CampaignStatus.Running)
    {
        var progress = new CampaignProgress(trials.Count, 0, running.Count, 0, 0, 0, 0, trials.Sum(t => t.Curve.Count), 10, null, null, 2);
        var summary = new CampaignSummary(Id, "demo", status, null, "fashion_mnist", "random", "asha", Start, Start, null, 0, progress, null);
        using var definition = JsonDocument.Parse("{}");
        return new LiveCampaign(new CampaignDetail(summary, definition.RootElement.Clone(), running), new CampaignHistory(Id, Start, trials));
    }

    public static TrialHistory Trial(int number, TrialStatus status, params double[] accuracies) => new(
        number, status, accuracies.Length == 0 ? null : accuracies.Max(), 1000 + number, 100_000 * (number + 1), null, null,
        [.. accuracies.Select((a, i) => new CurvePoint(i + 1, 1, a, Start.AddSeconds(10 * number + i)))]);

    public static LeaderboardEntry Running(int number, string worker) =>
        new(number, Guid.NewGuid(), TrialStatus.Running, null, null, null, 0, 0, 0, 1, null, worker, null, null);

    public static CampaignUpdate Update(long sequence, CampaignUpdateKind kind, int? trial = null, TrialStatus? status = null,
        EpochMetrics? epoch = null, string? worker = null, int attempt = 1, CampaignStatus state = CampaignStatus.Running, int completed = 0) =>
        new(Id, kind, Start.AddSeconds(100 + sequence), Snapshot(state, completed), trial, status, epoch, null, worker, attempt, null, sequence);

    public static CampaignUpdate Leased(long sequence, int trial, string worker) => Update(sequence, CampaignUpdateKind.TrialLeased, trial, TrialStatus.Running, worker: worker);

    public static CampaignUpdate Epoch(long sequence, int trial, int epoch, double accuracy, int attempt = 1) =>
        Update(sequence, CampaignUpdateKind.EpochReported, trial, TrialStatus.Running, new EpochMetrics(epoch, 0.5, 0.8, 0.5, accuracy, 1.0), "w1", attempt);

    public static CampaignUpdate Ended(long sequence, int trial, TrialStatus status) => Update(sequence, CampaignUpdateKind.TrialEnded, trial, status, worker: "w1");

    public static CampaignUpdate Released(long sequence, int trial) => Update(sequence, CampaignUpdateKind.TrialReleased, trial, TrialStatus.Waiting);

    public static CampaignSnapshot Snapshot(CampaignStatus state, int completed = 0) =>
        new(Id, state, 3, 1, 0, completed, 0, 0, 0, 7, null, null, state == CampaignStatus.Cancelled ? "cancelled by a test" : null);
}
