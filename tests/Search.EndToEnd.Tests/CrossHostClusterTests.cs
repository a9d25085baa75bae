using NinSearch.Spec;
using Npgsql;
using Xunit.Abstractions;

namespace NinSearch.EndToEnd.Tests;

/// <summary>
/// Clustering across hosts: silo A in one network namespace, silo B and a worker in another (<see cref="TwoHosts"/>),
/// clustered and stored on a PostgreSQL server both reach over the bridge. Nothing works through a shared loopback
/// here, so the silos must advertise reachable addresses: A by default (its only interface), B as configured. A
/// campaign runs; silo B is SIGKILLed and the worker carries on through silo A on the other host; a new silo B joins
/// and silo A is SIGKILLed; the campaign still completes with every trial complete.
/// </summary>
public sealed class CrossHostClusterTests(ITestOutputHelper log)
{
    private static readonly TimeSpan Startup = TimeSpan.FromMinutes(2);

    [NetnsFact]
    public async Task A_campaign_completes_across_two_hosts_and_survives_either_silo_being_killed()
    {
        using var hosts = TwoHosts.Create();
        await using var server = await DedicatedPostgres.StartAsync();
        await ServeSubnetAsync(server.Connection, hosts);
        await server.RestartAsync();
        await using var database = await TestDatabase.CreateAsync("ninsearch_hosts", server.Connection);
        // What the namespaces use: the bridge's address, since their loopback is their own.
        var remote = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Host = hosts.Gateway.ToString() }.ConnectionString;
        var processes = new List<ServiceProcess>();
        try
        {
            var siloA = await StartSiloAsync(hosts.NamespaceA, "silo-a");
            var siloB = await StartSiloAsync(hosts.NamespaceB, "silo-b", "--advertised-address", hosts.AddressB.ToString());
            var worker = Start(hosts.NamespaceB, "worker", "worker", "--id", "hosts-worker", "--clustering", "postgres",
                "--cluster-connection", remote, "--runner", "noop", "--threads", "1", "--verbose");
            await worker.WaitForLineAsync("nin-search: worker connected to the cluster", Startup);

            Assert.Equal([hosts.AddressA.ToString(), hosts.AddressB.ToString()], await ActiveSilosAsync(database.ConnectionString));

            // The test process is a third host: it reaches the silos' gateways through the bridge too.
            await using var client = await TestClusterClient.ConnectAsync(database.ConnectionString);
            var id = await client.StartCampaignAsync(maxTrials: 10, epochs: 3);

            await WaitForEndedAsync(id, 2);
            log.WriteLine("SIGKILL silo-b (the worker's own host)");
            await siloB.CrashAsync();
            // Only silo A, on the other host, is left: the worker's next trials go through it.
            await WaitForEndedAsync(id, 4);

            var siloB2 = await StartSiloAsync(hosts.NamespaceB, "silo-b2", "--advertised-address", hosts.AddressB.ToString());
            await Until("silo-b2 active in the membership table", async () =>
                (await ActiveSilosAsync(database.ConnectionString)).Count(a => a == hosts.AddressB.ToString()) == 1 ? "yes" : null);
            log.WriteLine("SIGKILL silo-a (the other host)");
            await siloA.CrashAsync();

            var ended = await Until("the campaign to complete", async () =>
                await database.Store.GetCampaignAsync(id) is { Status: CampaignStatus.Completed or CampaignStatus.Failed } c ? c : null,
                TimeSpan.FromMinutes(5));
            Assert.True(ended.Status == CampaignStatus.Completed, $"campaign {ended.Status}: {ended.Reason}");
            var trials = await database.Store.GetTrialsAsync(id);
            Assert.Equal(10, trials.Count);
            Assert.All(trials, t => Assert.True(t.Status == TrialStatus.Complete, $"trial {t.Number} ended {t.Status}: {t.Reason}"));

            Assert.True(await worker.StopAsync(TimeSpan.FromSeconds(30)) == 0, Tail(worker.Output));
            Assert.True(await siloB2.StopAsync(TimeSpan.FromSeconds(30)) == 0, Tail(siloB2.Output));
        }
        finally
        {
            foreach (var p in processes) p.Dispose();
        }

        async Task<ServiceProcess> StartSiloAsync(string netns, string name, params string[] options)
        {
            var silo = Start(netns, name, ["silo", "--store", "postgres", "--store-connection", remote, "--clustering", "postgres",
                "--cluster-connection", remote, "--silo-port", "11111", "--gateway-port", "30000", "--verbose", .. options]);
            await silo.WaitForLineAsync("nin-search: silo running", Startup);
            return silo;
        }

        ServiceProcess Start(string netns, string name, params string[] arguments)
        {
            var process = ServiceProcess.Start(name, netns, Environment, arguments);
            processes.Add(process);
            return process;
        }

        static string Tail(string output) => output.Length > 6000 ? output[^6000..] : output;

        Task WaitForEndedAsync(string id, int count) => Until($"{count} ended trials", async () =>
            (await database.Store.GetTrialsAsync(id)).Count(t => t.EndedAt is not null) >= count ? "yes" : null);

        async Task<T> Until<T>(string what, Func<Task<T?>> probe, TimeSpan? timeout = null) where T : class
        {
            var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromMinutes(3));
            while (DateTime.UtcNow < deadline)
            {
                if (await probe() is { } value) return value;
                await Task.Delay(250);
            }
            foreach (var p in processes) log.WriteLine(p.Output.Length > 6000 ? p.Output[^6000..] : p.Output);
            throw new TimeoutException($"waited for {what}");
        }
    }

    /// <summary>
    /// Short leases would expire while the worker waits to learn a new gateway, and then count as failed attempts:
    /// leases last two minutes. Failure detection is quick, so a killed silo's grains move within seconds. Each
    /// silo listens on fixed ports, as in a pod: every namespace has its own.
    /// </summary>
    private static readonly Dictionary<string, string> Environment = new()
    {
        ["NinSearch__Silo__LeaseDuration"] = "00:02:00",
        ["NinSearch__Silo__Membership__ProbeTimeout"] = "00:00:02",
        ["NinSearch__Silo__Membership__NumMissedProbesLimit"] = "2",
        ["NinSearch__Silo__Membership__NumVotesForDeathDeclaration"] = "1",
        ["NinSearch__Worker__HeartbeatInterval"] = "00:00:01",
        ["NinSearch__Worker__PollInterval"] = "00:00:00.200",
        ["NinSearch__Worker__NoOp__EpochDelay"] = "00:00:00.500",
        ["DOTNET_gcServer"] = "0",
    };

    /// <summary>The server listens on the bridge too and trusts the namespaces' subnet (it restarts to apply it).</summary>
    private static async Task ServeSubnetAsync(string connection, TwoHosts hosts)
    {
        await using var db = NpgsqlDataSource.Create(connection);
        await using (var listen = db.CreateCommand($"ALTER SYSTEM SET listen_addresses = '127.0.0.1,{hosts.Gateway}'"))
            await listen.ExecuteNonQueryAsync();
        await using var show = db.CreateCommand("SHOW hba_file");
        var hba = (string)(await show.ExecuteScalarAsync())!;
        await File.AppendAllTextAsync(hba, $"\nhost all all {hosts.Subnet} trust\n");
    }

    /// <summary>The addresses of the silos the membership table holds as active, sorted.</summary>
    private static async Task<List<string>> ActiveSilosAsync(string connection)
    {
        await using var db = NpgsqlDataSource.Create(connection);
        // Status 3 is Orleans' SiloStatus.Active.
        await using var command = db.CreateCommand("SELECT address FROM orleansmembershiptable WHERE status = 3 ORDER BY address");
        var addresses = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) addresses.Add(reader.GetString(0));
        return addresses;
    }
}
