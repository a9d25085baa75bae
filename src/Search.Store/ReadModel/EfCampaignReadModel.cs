using System.Linq.Expressions;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NinSearch.Spec;
using NinSearch.Store.Entities;

namespace NinSearch.Store.ReadModel;

/// <summary>
/// <see cref="ICampaignReadModel"/> over EF Core, for SQLite and PostgreSQL alike: every call opens its own short-lived
/// context from the (pooled) factory and runs untracked queries, a few per call and never one per row. Aggregates
/// (counts, best trial, epochs) come from the columns the coordinator maintains in its own transactions
/// (<see cref="Trial.BestValAccuracy"/>, <see cref="Trial.LastEpoch"/>, <see cref="Campaign.EpochsUsed"/>).
/// Final weights are read through <see cref="ICampaignStore.LoadLatestCheckpointAsync"/>, which knows checkpoint files.
/// </summary>
public sealed partial class EfCampaignReadModel(
    IDbContextFactory<SearchDbContext> contextFactory,
    ICampaignStore store,
    TimeProvider timeProvider) : ICampaignReadModel
{
    /// <summary>Campaigns whose latest importance view is kept.</summary>
    private const int ImportanceCacheCapacity = 32;

    private readonly ImportanceCache _importance = new(ImportanceCacheCapacity);

    /// <summary>The columns a leaderboard line needs (everything but the configuration).</summary>
    private static readonly Expression<Func<Trial, TrialRow>> ToRow = t => new TrialRow(
        t.Id,
        t.Number,
        t.Status,
        t.BestValAccuracy,
        t.BestEpoch,
        t.TestAccuracy,
        t.Params,
        t.Macs,
        t.LastEpoch,
        t.Attempt,
        t.TrainSeconds,
        t.WorkerId,
        t.Reason,
        t.ParamsJson,
        t.LatencyMs,
        t.InferenceImagesPerSecond);

    private Task<SearchDbContext> OpenAsync(CancellationToken cancellationToken) =>
        contextFactory.CreateDbContextAsync(cancellationToken);

    private static IQueryable<Trial> TrialsOf(SearchDbContext db, string campaignId) =>
        db.Trials.AsNoTracking().Where(t => t.CampaignId == campaignId);

    private static Task<bool> CampaignExistsAsync(SearchDbContext db, string campaignId, CancellationToken cancellationToken) =>
        db.Campaigns.AsNoTracking().AnyAsync(c => c.Id == campaignId, cancellationToken);

    /// <summary>A JSON text as a self-contained element (no document to dispose).</summary>
    private static JsonElement ParseJson(string json) => JsonSerializer.Deserialize<JsonElement>(json);

    private static LeaderboardEntry ToEntry(TrialRow row) => new(
        row.Number,
        row.Id,
        row.Status,
        row.BestValAccuracy,
        row.BestEpoch,
        row.TestAccuracy,
        row.Params,
        row.Macs,
        row.LastEpoch ?? 0,
        row.Attempt,
        row.TrainSeconds,
        row.WorkerId,
        row.Reason,
        row.ParamsJson is null ? null : ParseJson(row.ParamsJson))
    {
        LatencyMs = row.LatencyMs,
        InferenceImagesPerSecond = row.InferenceImagesPerSecond,
    };

    /// <summary>A trial's leaderboard columns as read from <c>trials</c>.</summary>
    internal sealed record TrialRow(
        Guid Id,
        int Number,
        TrialStatus Status,
        double? BestValAccuracy,
        int? BestEpoch,
        double? TestAccuracy,
        long Params,
        long Macs,
        int? LastEpoch,
        int Attempt,
        double? TrainSeconds,
        string? WorkerId,
        string? Reason,
        string? ParamsJson,
        double? LatencyMs,
        double? InferenceImagesPerSecond);
}
