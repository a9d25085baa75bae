using System.Text.Json;
using NinSearch.Spec;
using NinSearch.Store.Entities;

namespace NinSearch.EndToEnd.Tests;

/// <summary>
/// <c>nin-search campaign run</c> SIGKILLed mid-epoch (no hand-back, no goodbye): the campaign stays running in the
/// store with its trial's lease held by nobody; <c>nin-search up</c> on the same store lets that lease expire, resumes
/// the trial from its checkpoint and finishes the campaign, and <c>campaign show</c> reports it completed.
/// </summary>
[Collection(FaultTests.Collection)]
public sealed class CampaignRunCrashFaultTests
{
    [Fact]
    public async Task A_killed_run_is_finished_by_up_on_the_same_store()
    {
        await using var cluster = (await SignalCluster.CreateAsync("fault_run")).WithShortLeases().WithNoOpEpochs(4);
        var runs = Directory.CreateTempSubdirectory("ninsearch-e2e-crash-").FullName;
        try
        {
            var spec = Path.Combine(runs, "spec.json");
            await File.WriteAllTextAsync(spec, """
                {"name":"crashed","search":{"preset":"nin-small","epochs":4},"budget":{"max_trials":2},"workers":{"count":1,"threads":1,"device":"cpu"}}
                """);
            var slow = new Dictionary<string, string> { ["NinSearch__Worker__Runner"] = "NoOp", ["NinSearch__Worker__NoOp__EpochDelay"] = "00:00:03" };
            var run = cluster.Start("run", slow, "campaign", "run", "--spec", spec, "--store", "postgres", "--store-connection", cluster.Connection, "--run-dir", runs);
            await run.WaitForLineAsync("started on PostgreSQL", SignalCluster.Startup);
            var running = await cluster.WaitForAsync("a trial with one epoch done", async () =>
                (await cluster.Store.ListCampaignsAsync()).FirstOrDefault() is { } c
                    ? (await cluster.Store.GetTrialsAsync(c.Id, TrialStatus.Running)).FirstOrDefault(t => t.LastEpoch is >= 1)
                    : null, SignalCluster.Startup);

            await run.CrashAsync();
            Assert.Equal(CampaignStatus.Running, (await cluster.Store.GetCampaignAsync(running.CampaignId))!.Status);

            var up = cluster.Start("up", new Dictionary<string, string> { ["NinSearch__Worker__NoOp__EpochDelay"] = "00:00:00" },
                "up", "--store", "postgres", "--store-connection", cluster.Connection, "--runner", "noop", "--workers", "1",
                "--dashboard-port", Ports.Free().ToString(), "--run-dir", runs);
            var outcome = await CampaignInvariants.AssertAsync(cluster, running.CampaignId, maxTrials: 2);
            Assert.Equal(2, outcome.Trials.Count(t => t.Status == TrialStatus.Complete));
            var resumed = outcome.Trial(running.Id);
            Assert.Equal(2, resumed.Attempt);
            Assert.Equal(1, resumed.FailedAttempts);
            Assert.Equal(Enumerable.Range(1, 4), outcome.EpochsOf(resumed.Id).Select(e => e.Epoch));
            // `up` prints progress, not the silo's warnings: the campaign's event log is where the fault shows.
            var events = await cluster.Store.GetEventsAsync(running.CampaignId, limit: 1000);
            Assert.Single(events, e => e.Kind == CampaignEventKind.LeaseExpired && e.TrialId == resumed.Id);

            await cluster.WaitForAsync("up to write its dashboard URL", () =>
                Task.FromResult(File.Exists(Path.Combine(runs, "dashboard.url")) ? "yes" : null), SignalCluster.Startup);
            var show = await CliProcess.RunAsync(TimeSpan.FromMinutes(1), "campaign", "show", running.CampaignId, "--json", "--run-dir", runs);
            Assert.True(show.Exit == 0, show.ToString());
            var shown = JsonDocument.Parse(show.Out).RootElement.GetProperty("campaign");
            Assert.Equal("completed", shown.GetProperty("status").GetString());
            Assert.Equal(2, shown.GetProperty("progress").GetProperty("trials_complete").GetInt32());
            Assert.Equal(Signals.ServiceStopped, (await up.SignalAsync(Signals.Term, Signals.Bound)).Exit);
        }
        finally
        {
            Directory.Delete(runs, recursive: true);
        }
    }
}
