using NinSearch.Spec;
using NinSearch.Store.Entities;

namespace NinSearch.EndToEnd.Tests;

/// <summary>
/// <c>nin-search campaign run</c> interrupted by Ctrl+C or SIGTERM mid-epoch stops its local cluster within seconds,
/// exits 130 and leaves the campaign resumable: still running, its trial handed back, and one line saying how to
/// resume; <c>nin-search up</c> on the same store then finishes it.
/// </summary>
public sealed class CampaignRunSignalTests
{
    [Theory]
    [InlineData(Signals.Int)]
    [InlineData(Signals.Term)]
    public async Task An_interrupted_run_leaves_its_campaign_resumable(int signal)
    {
        await using var cluster = await SignalCluster.CreateAsync("sig_run");
        var runs = Directory.CreateTempSubdirectory("ninsearch-e2e-run-").FullName;
        try
        {
            var spec = Path.Combine(runs, "spec.json");
            await File.WriteAllTextAsync(spec, """
                {"name":"interrupted","search":{"preset":"nin-small","epochs":3},"budget":{"max_trials":2},"workers":{"count":1,"threads":1,"device":"cpu"}}
                """);
            // The local workers inherit the environment: no-op trials whose epochs take 8 s.
            var slow = new Dictionary<string, string> { ["NinSearch__Worker__Runner"] = "NoOp", ["NinSearch__Worker__NoOp__EpochDelay"] = "00:00:08" };
            var run = cluster.Start("run", slow, "campaign", "run", "--spec", spec, "--store", "postgres", "--store-connection", cluster.Connection, "--run-dir", runs);
            await run.WaitForLineAsync("started on PostgreSQL", SignalCluster.Startup);
            var running = await cluster.WaitForAsync("a trial with one epoch done", async () =>
                (await cluster.Store.ListCampaignsAsync()).FirstOrDefault() is { } c
                    ? (await cluster.Store.GetTrialsAsync(c.Id, TrialStatus.Running)).FirstOrDefault(t => t.LastEpoch is >= 1)
                    : null, SignalCluster.Startup);

            var (exit, elapsed) = await run.SignalAsync(signal, Signals.Bound);

            Assert.True(exit == Signals.JobInterrupted, $"campaign run after {Signals.Name(signal)}: exit {exit} after {elapsed}:\n{run.Output}");
            var campaign = await cluster.Store.GetCampaignAsync(running.CampaignId);
            Assert.Equal(CampaignStatus.Running, campaign!.Status);
            var trial = await cluster.Store.GetTrialAsync(running.Id);
            Assert.True(trial!.Status == TrialStatus.Waiting, $"trial {trial.Number} is {trial.Status}:\n{run.Output}");
            Assert.Equal(running.Attempt, trial.Attempt);
            Assert.Contains(await cluster.Store.GetEventsAsync(campaign.Id, limit: 1000), e => e.Kind == CampaignEventKind.TrialReleased && e.TrialId == trial.Id);
            Assert.Contains($"campaign {campaign.Id} is left running", run.Output);
            Assert.Contains($"`nin-search up --store postgres --store-connection <the same> --run-dir {runs}` resumes it", run.Output);

            // Resumed by a cluster on the same store (fast trials now): the campaign completes, the trial on a second attempt.
            var up = cluster.Start("up", new Dictionary<string, string> { ["NinSearch__Worker__NoOp__EpochDelay"] = "00:00:00" },
                "up", "--store", "postgres", "--store-connection", cluster.Connection, "--runner", "noop", "--no-dashboard", "--run-dir", runs);
            var done = await cluster.WaitForAsync("the resumed campaign to complete", async () =>
                await cluster.Store.GetCampaignAsync(campaign.Id) is { Status: not CampaignStatus.Running } c ? c : null, SignalCluster.Startup);
            Assert.Equal(CampaignStatus.Completed, done.Status);
            Assert.Equal(2, (await cluster.Store.GetTrialAsync(trial.Id))!.Attempt);
            Assert.Equal(Signals.ServiceStopped, (await up.SignalAsync(signal, Signals.Bound)).Exit);
        }
        finally
        {
            Directory.Delete(runs, recursive: true);
        }
    }
}
