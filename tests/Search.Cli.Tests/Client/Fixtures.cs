using System.Text.Json;
using NinSearch.Abstractions;
using NinSearch.Spec;
using NinSearch.Store.ReadModel;

namespace NinSearch.Cli.Tests.Client;

/// <summary>API documents as the server writes them (the read model's records in the project's JSON convention).</summary>
internal static class Fixtures
{
    public static CampaignSummary Summary(string id, string name = "tiny", CampaignStatus status = CampaignStatus.Running, string? reason = null) => new(
        id, name, status, reason, "fashion_mnist", "preset", "fifo", DateTimeOffset.Parse("2025-01-02T03:04:05Z"), DateTimeOffset.Parse("2025-01-02T03:04:06Z"),
        status is CampaignStatus.Running ? null : DateTimeOffset.Parse("2025-01-02T03:05:06Z"), 61,
        new CampaignProgress(3, 0, status is CampaignStatus.Running ? 1 : 0, 2, 0, 0, 0, 6, 3, null, null, 2),
        new BestTrial(1, 0.8123, 2, 0.8011));

    public static CampaignSnapshot Snapshot(string id, CampaignStatus status, int completed) =>
        new(id, status, 3, status == CampaignStatus.Running ? 1 : 0, 0, completed, 0, 0, 0, completed * 2, null, 0.5 + completed / 10.0, null);

    public static LeaderboardEntry Entry(int number, double accuracy) => new(number, Guid.NewGuid(), TrialStatus.Complete, accuracy, 2, accuracy - 0.01,
        12_345, 678_900, 2, 1, 1.5, "local-1", null, null);

    public static TrialDetail Trial(int number, double accuracy, double learningRate) => new("c1", Entry(number, accuracy),
        JsonDocument.Parse($$$"""{"architecture":{"blocks":[{"width":16},{"width":{{{8 * (number + 1)}}}}]},"training":{"learning_rate":{{{learningRate}}}}}""").RootElement,
        DateTimeOffset.Parse("2025-01-02T03:04:05Z"), null, null, [], [], [], []);

    public static string Json<T>(T value) => JsonSerializer.Serialize(value, SpecJson.Compact);

    /// <summary>One Server-Sent Event as the wire carries it.</summary>
    public static string Event(string type, object data, int id) => $"id: {id}\nevent: {type}\ndata: {JsonSerializer.Serialize(data, SpecJson.Compact)}\n\n";
}
