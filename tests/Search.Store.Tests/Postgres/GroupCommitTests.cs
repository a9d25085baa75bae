using Microsoft.EntityFrameworkCore;
using NinSearch.Spec;
using NinSearch.Store.Entities;
using NinSearch.Store.Postgres;
using NinSearch.Store.Tests.Infrastructure;
using Npgsql;

namespace NinSearch.Store.Tests.Postgres;

/// <summary>
/// The PostgreSQL group-commit writer: statements of many callers share one batch, yet each caller gets its own
/// statement's result, a stale or repeated report in a batch changes nothing, and one failing statement fails alone.
/// Batches are built explicitly with <see cref="PostgresWriteBatcher.FlushAsync"/>, so what shares a batch is certain.
/// </summary>
public sealed class GroupCommitTests(PostgresStoreFixture fixture) : IClassFixture<PostgresStoreFixture>
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private ICampaignStore Store => fixture.Store;

    private PostgresWriteBatcher Writer =>
        ((EfCampaignStore)fixture.Store).Writer ?? throw new InvalidOperationException("the PostgreSQL store has no writer");

    [Fact]
    public async Task One_batch_answers_each_statement_with_its_own_result()
    {
        var campaign = await NewCampaignAsync();
        var (a, leaseA) = await LeasedTrialAsync(campaign, 0);
        var (b, leaseB) = await LeasedTrialAsync(campaign, 1);
        var writes = new
        {
            Recorded = HotStatements.RecordEpoch(a.Id, leaseA, Metric(1, 0.6), T0, default),
            Stale = HotStatements.RecordEpoch(a.Id, Guid.NewGuid(), Metric(2, 0.9), T0, default),
            Duplicate = HotStatements.RecordEpoch(a.Id, leaseA, Metric(1, 0.99), T0, default),
            Second = HotStatements.RecordEpoch(a.Id, leaseA, Metric(2, 0.7), T0, default),
            Finished = HotStatements.FinishTrial(b.Id, leaseB, TrialStatus.Complete, null, 0.8, 12.5, new InferenceSpeedRow(0.5, 2000), T0, default),
            FinishedTwice = HotStatements.FinishTrial(b.Id, leaseB, TrialStatus.Failed, "again", null, null, null, T0, default),
            LateReport = HotStatements.RecordEpoch(b.Id, leaseB, Metric(1, 0.5), T0, default),
        };

        await Writer.FlushAsync([writes.Recorded, writes.Stale, writes.Duplicate, writes.Second, writes.Finished, writes.FinishedTwice, writes.LateReport]);

        Assert.Equal(RecordEpochResult.Recorded, await writes.Recorded.Task);
        Assert.Equal(RecordEpochResult.StaleLease, await writes.Stale.Task);
        Assert.Equal(RecordEpochResult.Duplicate, await writes.Duplicate.Task);
        Assert.Equal(RecordEpochResult.Recorded, await writes.Second.Task);
        Assert.True(await writes.Finished.Task);
        Assert.False(await writes.FinishedTwice.Task);
        Assert.Equal(RecordEpochResult.StaleLease, await writes.LateReport.Task);

        Assert.Equal([(1, 0.6), (2, 0.7)], await MetricsAsync(a.Id));
        Assert.Empty(await MetricsAsync(b.Id));
        var storedA = await Store.GetTrialAsync(a.Id);
        Assert.Equal((0.7, 2, 2), (storedA!.BestValAccuracy, storedA.BestEpoch, storedA.LastEpoch));
        var storedB = await Store.GetTrialAsync(b.Id);
        Assert.Equal((TrialStatus.Complete, 0.8, (Guid?)null, 0.5, 2000.0), (storedB!.Status, storedB.TestAccuracy, storedB.LeaseId, storedB.LatencyMs, storedB.InferenceImagesPerSecond));
    }

    [Fact]
    public async Task A_failing_statement_fails_alone_and_the_rest_of_its_batch_commits()
    {
        var campaign = await NewCampaignAsync();
        var (a, leaseA) = await LeasedTrialAsync(campaign, 0);
        var orphan = NewLeasedRow("no-such-campaign", 0);   // violates the campaign foreign key
        var fresh = NewLeasedRow(campaign, 1);
        var report = HotStatements.RecordEpoch(a.Id, leaseA, Metric(1, 0.6), T0, default);
        var failing = HotStatements.AddLeasedTrial(orphan, default);
        var added = HotStatements.AddLeasedTrial(fresh, default);
        var repeated = HotStatements.RecordEpoch(a.Id, leaseA, Metric(1, 0.6), T0, default);

        await Writer.FlushAsync([report, failing, added, repeated]);

        var error = await Assert.ThrowsAsync<PostgresException>(() => failing.Task);
        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, error.SqlState);
        Assert.Equal(RecordEpochResult.Recorded, await report.Task);
        Assert.True(await added.Task);
        // Retried one by one after the batch rolled back: the repeat still finds the first report, counted once.
        Assert.Equal(RecordEpochResult.Duplicate, await repeated.Task);
        Assert.Equal([(1, 0.6)], await MetricsAsync(a.Id));
        Assert.Equal(TrialStatus.Running, (await Store.GetTrialAsync(fresh.Id))?.Status);
        Assert.Null(await Store.GetTrialAsync(orphan.Id));
    }

    [Fact]
    public async Task A_caller_cancelled_before_its_batch_is_sent_writes_nothing()
    {
        var campaign = await NewCampaignAsync();
        var (a, leaseA) = await LeasedTrialAsync(campaign, 0);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var report = HotStatements.RecordEpoch(a.Id, leaseA, Metric(1, 0.6), T0, cancelled.Token);

        await Writer.FlushAsync([report]);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => report.Task);
        Assert.Empty(await MetricsAsync(a.Id));
    }

    [Fact]
    public async Task Concurrent_callers_through_the_store_each_get_their_own_result_and_nothing_is_counted_twice()
    {
        var campaign = await NewCampaignAsync();
        var trials = new List<(Trial Trial, Guid Lease)>();
        for (var i = 0; i < 20; i++) trials.Add(await LeasedTrialAsync(campaign, i));

        // Every trial at once: epochs 1-3, a repeat of epoch 2, a report under a wrong lease, then finish twice.
        var results = await Task.WhenAll(trials.Select(async t =>
        {
            var reports = await Task.WhenAll(
                Store.RecordEpochAsync(t.Trial.Id, t.Lease, Metric(1, 0.5)),
                Store.RecordEpochAsync(t.Trial.Id, t.Lease, Metric(2, 0.6)),
                Store.RecordEpochAsync(t.Trial.Id, t.Lease, Metric(3, 0.55)),
                Store.RecordEpochAsync(t.Trial.Id, Guid.NewGuid(), Metric(4, 0.9)));
            var repeat = await Store.RecordEpochAsync(t.Trial.Id, t.Lease, Metric(2, 0.99));
            var finishes = await Task.WhenAll(
                Store.FinishTrialAsync(t.Trial.Id, t.Lease, TrialStatus.Complete, null, 0.5, null),
                Store.FinishTrialAsync(t.Trial.Id, t.Lease, TrialStatus.Complete, null, 0.5, null));
            return (reports, repeat, finishes);
        }));

        foreach (var (reports, repeat, finishes) in results)
        {
            Assert.Equal([RecordEpochResult.Recorded, RecordEpochResult.Recorded, RecordEpochResult.Recorded, RecordEpochResult.StaleLease], reports);
            Assert.Equal(RecordEpochResult.Duplicate, repeat);
            Assert.Single(finishes, true);
        }

        foreach (var (trial, _) in trials)
        {
            Assert.Equal([(1, 0.5), (2, 0.6), (3, 0.55)], await MetricsAsync(trial.Id));
            var stored = await Store.GetTrialAsync(trial.Id);
            Assert.Equal((TrialStatus.Complete, 0.6, 2, 3), (stored!.Status, stored.BestValAccuracy, stored.BestEpoch, stored.LastEpoch));
        }
    }

    private async Task<string> NewCampaignAsync()
    {
        var campaign = new Campaign { Id = $"c-{Guid.NewGuid():N}", Name = "group commit", SpecJson = "{}" };
        Assert.True(await Store.CreateCampaignAsync(campaign));
        return campaign.Id;
    }

    private async Task<(Trial Trial, Guid Lease)> LeasedTrialAsync(string campaignId, int number)
    {
        var trial = NewLeasedRow(campaignId, number);
        var lease = Guid.NewGuid();
        Assert.True(await Store.AddLeasedTrialAsync(trial, "w1", lease, T0.AddHours(1), T0));
        return (trial, lease);
    }

    /// <summary>A trial row as the store's lease path fills it in before the insert.</summary>
    private static Trial NewLeasedRow(string campaignId, int number) => new()
    {
        Id = Guid.NewGuid(),
        CampaignId = campaignId,
        Number = number,
        ConfigJson = $$"""{"number":{{number}}}""",
        Status = TrialStatus.Running,
        WorkerId = "w1",
        LeaseId = Guid.NewGuid(),
        LeaseExpiresAt = T0.AddHours(1),
        StartedAt = T0,
        CreatedAt = T0,
        Attempt = 1,
    };

    private static EpochMetric Metric(int epoch, double valAccuracy) => new()
    {
        Epoch = epoch,
        TrainLoss = 1.0 / epoch,
        TrainAccuracy = valAccuracy,
        ValLoss = 1.0 / epoch,
        ValAccuracy = valAccuracy,
        LearningRate = 0.1,
        Seconds = 1,
        ImagesPerSecond = 100,
    };

    private async Task<List<(int Epoch, double ValAccuracy)>> MetricsAsync(Guid trialId)
    {
        await using var db = await fixture.Contexts.CreateDbContextAsync();
        var rows = await db.EpochMetrics.AsNoTracking().Where(m => m.TrialId == trialId).OrderBy(m => m.Epoch).ToListAsync();
        return rows.Select(m => (m.Epoch, m.ValAccuracy)).ToList();
    }
}
