using NinSearch.Abstractions;
using NinSearch.Spec;
using NinSearch.Store.Entities;
using Orleans.Runtime;

namespace NinSearch.EndToEnd.Tests;

/// <summary>
/// Each of two silos SIGKILLed in turn, each time the one hosting the worker registry (through which every worker's
/// heartbeat renews its leases), while three workers are mid-trial: the registry reactivates on the survivor and the
/// renewals resume before the leases run out, and the calls caught by the death are tried again once the campaign has
/// moved, so no lease expires, no trial is handed back or needs a second attempt, and the campaign completes with
/// every invariant intact. The killed silo is replaced before the second kill.
/// </summary>
[Collection(FaultTests.Collection)]
public sealed class RegistrySiloKillFaultTests
{
    private const int Workers = 3;
    private const int MaxTrials = 9;
    private const int Epochs = 15;

    [Fact]
    public async Task Leases_survive_the_death_of_the_silo_hosting_the_worker_registry()
    {
        await using var cluster = (await SignalCluster.CreateAsync("fault_registry")).WithNoOpEpochs(Epochs);
        // The shipped proportions, scaled down by three: leases of 10 s renewed every second, a try abandoned after 3 s,
        // a dead silo declared in about 4-6 s (two missed 2 s probes, one vote). Trials of 15 s outlive their first
        // lease: only renewals keep them.
        cluster.Environment["NinSearch__Silo__LeaseDuration"] = "00:00:10";
        cluster.Environment["NinSearch__Silo__LeaseCheckInterval"] = "00:00:01";
        cluster.Environment["NinSearch__Worker__HeartbeatInterval"] = "00:00:01";
        cluster.Environment["NinSearch__Worker__CallTimeout"] = "00:00:03";
        cluster.Environment["NinSearch__Silo__Membership__ProbeTimeout"] = "00:00:02";
        cluster.Environment["NinSearch__Silo__Membership__NumMissedProbesLimit"] = "2";
        cluster.Environment["NinSearch__Silo__Membership__NumVotesForDeathDeclaration"] = "1";
        var silos = new Dictionary<int, ServiceProcess>();
        // All at once: workers keep trying to register until a silo answers.
        var starting = Task.WhenAll(StartSiloAsync("silo-a"), StartSiloAsync("silo-b"));
        var workers = await Task.WhenAll(Enumerable.Range(1, Workers).Select(i => cluster.StartWorkerAsync($"w-reg-{i}", TimeSpan.FromSeconds(1))));
        await starting;
        await using var client = await TestClusterClient.ConnectAsync(cluster.Connection);
        var campaign = await client.StartCampaignAsync(MaxTrials, Epochs);

        var first = await KillRegistryHostAsync("first", () => StartSiloAsync("silo-c"));
        var second = await KillRegistryHostAsync("second", replace: null);
        Assert.NotEqual(first.Name, second.Name);

        var outcome = await CampaignInvariants.AssertAsync(cluster, campaign, MaxTrials, timeout: TimeSpan.FromMinutes(2));
        Assert.All(outcome.Trials, t => Assert.True(t is { Status: TrialStatus.Complete, Attempt: 1, FailedAttempts: 0 },
            $"trial {t.Number} ended {t.Status} after {t.Attempt} attempt(s), {t.FailedAttempts} failed: {t.Reason}\n{cluster.Output}"));
        Assert.Equal(MaxTrials, outcome.Trials.Count);
        var events = await cluster.Store.GetEventsAsync(campaign, limit: 1000);
        Assert.DoesNotContain(events, e => e.Kind == CampaignEventKind.LeaseExpired);
        // The workers noticed the dead silo (their heartbeats failed while it was being declared dead) and went on.
        Assert.All(workers, w => Assert.False(w.HasExited, w.Output));
        Assert.Contains(workers, w => w.Output.Contains("Worker call 'heartbeat' failed"));
        Assert.All(silos.Values.Where(s => s != first && s != second), s => Assert.False(s.HasExited, s.Output));

        async Task<ServiceProcess> StartSiloAsync(string name)
        {
            var port = Ports.Free();
            var silo = cluster.Start(name, "silo", "--store", "postgres", "--store-connection", cluster.Connection, "--clustering", "postgres",
                "--cluster-connection", cluster.Connection, "--silo-port", port.ToString(), "--gateway-port", Ports.Free().ToString());
            lock (silos) silos[port] = silo;
            await silo.WaitForLineAsync("nin-search: silo running", SignalCluster.Startup);
            return silo;
        }

        // Waits until at least two trials are early in their run (more than a lease's worth of epochs to go), then
        // SIGKILLs the silo the registry lives on, starts the replacement and waits until each of those trials has
        // reported two more epochs.
        async Task<ServiceProcess> KillRegistryHostAsync(string which, Func<Task>? replace)
        {
            var running = await cluster.WaitForAsync($"two trials running in their first epochs ({which} kill)", async () =>
                (await cluster.Store.GetTrialsAsync(campaign, TrialStatus.Running)).Where(t => t.LastEpoch is >= 1 and <= 4).ToList() is { Count: >= 2 } r
                    ? r : null, SignalCluster.Startup);
            var host = await client.Client.GetGrain<IManagementGrain>(0)
                .GetActivationAddress(client.Client.GetGrain<IWorkerRegistryGrain>(IWorkerRegistryGrain.Key));
            Assert.NotNull(host);
            var victim = silos[host.Endpoint.Port];
            var survivors = silos.Values.Where(s => s != victim && !s.HasExited).ToList();
            await victim.CrashAsync();
            var replacement = replace?.Invoke() ?? Task.CompletedTask;
            foreach (var trial in running)
            {
                await cluster.WaitForAsync($"trial {trial.Number} to report two epochs after the {which} kill", async () =>
                    await cluster.Store.GetTrialAsync(trial.Id) is { } t && (t.LastEpoch >= trial.LastEpoch + 2 || t.Status.IsTerminal()) ? t : null,
                    TimeSpan.FromMinutes(1));
            }
            await replacement;
            // The survivors logged the dead silo (their probes and forwarded calls to its endpoint failed) and went on. The
            // endpoint is the advertised one: the machine's first non-loopback address where it has one, not loopback.
            Assert.All(survivors, s => Assert.True(!s.HasExited && s.Output.Contains(host.Endpoint.ToString()), s.Output));
            return victim;
        }
    }
}

