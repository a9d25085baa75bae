using NinSearch.Store.Entities;

namespace NinSearch.Store.Tests.Contract;

public abstract partial class CampaignStoreContract
{
    [Fact]
    public async Task A_duplicate_report_changes_nothing_and_the_first_report_wins()
    {
        var campaign = await NewCampaignAsync();
        var (trial, lease) = await LeasedTrialAsync(campaign.Id, 0);
        var report = Metric(1, 0.70);
        report.Attempt = 99;

        Assert.Equal(RecordEpochResult.Recorded, await Store.RecordEpochAsync(trial.Id, lease, report));
        Assert.Equal(99, report.Attempt);
        Assert.Equal(RecordEpochResult.Duplicate, await Store.RecordEpochAsync(trial.Id, lease, Metric(1, 0.95)));
        Assert.Equal(RecordEpochResult.StaleLease, await Store.RecordEpochAsync(trial.Id, Guid.NewGuid(), Metric(2, 0.99)));
        Assert.Equal(RecordEpochResult.StaleLease, await Store.RecordEpochAsync(Guid.NewGuid(), lease, Metric(1, 0.99)));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.RecordEpochAsync(trial.Id, lease, Metric(0, 0.5)));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.RecordEpochAsync(trial.Id, lease, Metric(3, double.NaN)));

        var rows = await RawMetricsAsync(campaign.Id, trial.Id);
        var row = Assert.Single(rows);
        Assert.Equal((1, 0.70, 1, trial.Id), (row.Epoch, row.ValAccuracy, row.Attempt, row.TrialId));
        Assert.NotEqual(default, row.ReportedAt);
        var stored = await ReloadAsync(trial.Id);
        Assert.Equal((0.70, 1, 1), (stored.BestValAccuracy, stored.BestEpoch, stored.LastEpoch));
    }

    [Fact]
    public async Task Best_and_last_epoch_follow_the_rows_whatever_the_report_order()
    {
        var campaign = await NewCampaignAsync();
        var (trial, lease) = await LeasedTrialAsync(campaign.Id, 0);

        foreach (var (epoch, accuracy) in new[] { (3, 0.80), (1, 0.60), (5, 0.75), (2, 0.80), (4, 0.79) })
        {
            Assert.Equal(RecordEpochResult.Recorded, await Store.RecordEpochAsync(trial.Id, lease, Metric(epoch, accuracy)));
        }

        // Ties go to the earliest epoch, as a recomputation would choose.
        var stored = await ReloadAsync(trial.Id);
        Assert.Equal((0.80, 2, 5), (stored.BestValAccuracy, stored.BestEpoch, stored.LastEpoch));
    }

    [Fact]
    public async Task Concurrent_overlapping_reports_record_each_epoch_once()
    {
        var campaign = await NewCampaignAsync();
        const int Epochs = 10;
        var trials = new List<(Trial Trial, Guid Lease)>();
        for (var i = 0; i < 3; i++)
        {
            trials.Add(await LeasedTrialAsync(campaign.Id, i, $"w{i}"));
        }

        static double Accuracy(int trial, int epoch) => 0.5 + ((epoch * 7 + trial * 3) % 11) / 40.0;

        // Four senders per trial each report every epoch (retries, duplicate deliveries) in a shuffled order.
        var senders = trials.SelectMany((t, trialIndex) => Enumerable.Range(0, 4).Select(sender => Task.Run(async () =>
        {
            var order = Enumerable.Range(1, Epochs).OrderBy(e => (e * 31 + sender * 17) % Epochs).ToList();
            var outcomes = new List<RecordEpochResult>();
            foreach (var epoch in order)
            {
                outcomes.Add(await Store.RecordEpochAsync(t.Trial.Id, t.Lease, Metric(epoch, Accuracy(trialIndex, epoch))));
            }

            return outcomes;
        })));
        var results = (await Task.WhenAll(senders)).SelectMany(r => r).ToList();

        Assert.Equal(3 * Epochs, results.Count(r => r == RecordEpochResult.Recorded));
        Assert.Equal(3 * Epochs * 3, results.Count(r => r == RecordEpochResult.Duplicate));
        for (var i = 0; i < trials.Count; i++)
        {
            var rows = await RawMetricsAsync(campaign.Id, trials[i].Trial.Id);
            Assert.Equal(Enumerable.Range(1, Epochs), rows.Select(r => r.Epoch));
            var best = rows.Max(r => r.ValAccuracy);
            var stored = await ReloadAsync(trials[i].Trial.Id);
            Assert.Equal((best, rows.First(r => r.ValAccuracy == best).Epoch, Epochs), (stored.BestValAccuracy!.Value, stored.BestEpoch!.Value, stored.LastEpoch!.Value));
        }
    }
}
