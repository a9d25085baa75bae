using Npgsql;

namespace NinSearch.EndToEnd.Tests;

/// <summary><c>nin-search silo</c> leaves its cluster and exits 0 within seconds of SIGTERM or Ctrl+C.</summary>
public sealed class SiloSignalTests
{
    private const int Dead = 6;

    [Theory]
    [InlineData(Signals.Term)]
    [InlineData(Signals.Int)]
    public async Task A_silo_leaves_the_cluster_and_exits_0(int signal)
    {
        await using var cluster = await SignalCluster.CreateAsync("sig_silo");
        var silo = await cluster.StartSiloAsync();

        var (exit, elapsed) = await silo.SignalAsync(signal, Signals.Bound);

        Assert.True(exit == Signals.ServiceStopped, $"silo after {Signals.Name(signal)}: exit {exit} after {elapsed}:\n{silo.Output}");
        // Alone in its cluster, only the silo itself can mark its row dead: it shut down rather than vanished.
        Assert.Equal([Dead], await MembershipStatusesAsync(cluster.Connection));
    }

    private static async Task<List<int>> MembershipStatusesAsync(string connection)
    {
        await using var db = new NpgsqlDataSourceBuilder(connection).Build();
        await using var command = db.CreateCommand("SELECT status FROM orleansmembershiptable");
        await using var reader = await command.ExecuteReaderAsync();
        var statuses = new List<int>();
        while (await reader.ReadAsync()) statuses.Add(reader.GetInt32(0));
        return statuses;
    }
}
