using NinSearch.Abstractions;
using NinSearch.Silo.Tests.Infrastructure;
using NinSearch.Spec;
using Npgsql;

namespace NinSearch.Silo.Tests;

/// <summary>Faults of the store while a campaign ends: the end is retried by the next call, never wedged.</summary>
[Collection(ClusterCollection.Name)]
public sealed class CampaignEndFaultTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_store_failure_while_ending_leaves_the_campaign_endable_by_the_next_call()
    {
        var id = Campaigns.NewId("endfault");
        var campaign = fixture.Client.GetGrain<ICampaignGrain>(id);
        await campaign.StartAsync(Campaigns.Definition(maxTrials: 2));
        Assert.NotNull(await campaign.TryLeaseAsync("w1", Campaigns.Cpu));

        // PostgreSQL itself refuses this campaign's move to a terminal status, as a dropped connection would fail it.
        await ExecuteAsync($"""
            CREATE FUNCTION refuse_end_{Suffix(id)}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF NEW.id = '{id}' AND NEW.status <> OLD.status THEN RAISE EXCEPTION 'injected: the store is unavailable'; END IF;
                RETURN NEW;
            END $$;
            CREATE TRIGGER refuse_end_{Suffix(id)} BEFORE UPDATE ON campaigns FOR EACH ROW EXECUTE FUNCTION refuse_end_{Suffix(id)}();
            """);
        try
        {
            await Assert.ThrowsAnyAsync<Exception>(() => campaign.CancelAsync("first try"));
        }
        finally
        {
            await ExecuteAsync($"DROP TRIGGER refuse_end_{Suffix(id)} ON campaigns; DROP FUNCTION refuse_end_{Suffix(id)}();");
        }

        var snapshot = await campaign.CancelAsync("second try");

        Assert.Equal(CampaignStatus.Cancelled, snapshot.State);
        var stored = await fixture.Store.GetCampaignAsync(id);
        Assert.Equal((CampaignStatus.Cancelled, "second try"), (stored!.Status, stored.Reason));
        Assert.Null(await campaign.TryLeaseAsync("w2", Campaigns.Cpu));
    }

    private static string Suffix(string id) => id[(id.LastIndexOf('-') + 1)..];

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
