using NinSearch.Spec;

namespace NinSearch.EndToEnd.Tests;

/// <summary>
/// PostgreSQL restarted (<c>pg_ctl restart -m fast</c>) in the middle of a campaign: every connection of the silo
/// and of the test is cut. The workers retry their reports, the silo's next store calls reconnect, and the campaign
/// completes with no trial failed because of the restart.
/// </summary>
[Collection(FaultTests.Collection)]
public sealed class PostgresRestartFaultTests
{
    [PgCtlFact]
    public async Task A_campaign_survives_a_database_restart()
    {
        await using var postgres = await DedicatedPostgres.StartAsync();
        await using var cluster = await SignalCluster.CreateAsync("fault_pg", postgres.Connection);
        // Leases outlast the restart: this test is about failed calls, not about expiry.
        cluster.Environment["NinSearch__Silo__LeaseDuration"] = "00:00:30";
        var silo = await cluster.StartSiloAsync();
        ServiceProcess[] workers =
        [
            await cluster.StartWorkerAsync("w-pg-1", TimeSpan.FromSeconds(1)),
            await cluster.StartWorkerAsync("w-pg-2", TimeSpan.FromSeconds(1)),
        ];
        await using var client = await TestClusterClient.ConnectAsync(cluster.Connection);
        var campaign = await client.StartCampaignAsync(maxTrials: 6);
        await cluster.WaitForAsync("a finished trial and a trial mid-way", async () =>
        {
            var trials = await cluster.Store.GetTrialsAsync(campaign);
            return trials.Any(t => t.Status == TrialStatus.Complete) && trials.Any(t => t.Status == TrialStatus.Running && t.LastEpoch >= 1) ? "yes" : null;
        }, SignalCluster.Startup);

        await postgres.RestartAsync();

        var outcome = await CampaignInvariants.AssertAsync(cluster, campaign, maxTrials: 6);
        Assert.All(outcome.Trials, t => Assert.True(t.Status == TrialStatus.Complete, $"trial {t.Number} ended {t.Status}: {t.Reason}\n{cluster.Output}"));
        Assert.Equal(6, outcome.Trials.Count);
        // The silo's pooled connections were cut (57P01): it logs the failed store call and goes on.
        Assert.True(silo.Output.Contains("57P01"), silo.Output);
        Assert.False(silo.HasExited, silo.Output);
        Assert.All(workers, w => Assert.False(w.HasExited, w.Output));
    }
}
