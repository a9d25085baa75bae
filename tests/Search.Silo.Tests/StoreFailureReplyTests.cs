using NinSearch.Abstractions;
using NinSearch.Silo.Tests.Infrastructure;
using NinSearch.Spec;
using Npgsql;

namespace NinSearch.Silo.Tests;

/// <summary>
/// A database error inside a grain call reaches the caller (a worker, which has no database driver, or the dashboard)
/// as a store failure it can read and retry, with the database's message, instead of an exception the caller cannot
/// deserialise.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class StoreFailureReplyTests(ClusterFixture fixture)
{
    public static TheoryData<string> Faults => ["connection", "server"];

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task A_database_error_reaches_the_caller_as_a_store_failure_with_its_message_and_the_retry_lands(string kind)
    {
        var id = Campaigns.NewId("store-failure");
        var campaign = fixture.Client.GetGrain<ICampaignGrain>(id);
        await campaign.StartAsync(Campaigns.Definition(maxTrials: 1));
        var lease = (await campaign.TryLeaseAsync("w-store", Campaigns.Cpu))!;
        Func<Exception> fault = kind == "connection"
            ? () => new NpgsqlException("Exception while reading from stream", new EndOfStreamException("Attempted to read past the end of the stream."))
            : () => new PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", "57P01");
        fixture.StoreFaults.Add("RecordEpochAsync", args => args[1] is Guid leaseId && leaseId == lease.LeaseId, FaultTiming.BeforeWrite, fault: fault);
        var metrics = new EpochMetrics(1, 0.5, 0.8, 0.5, 0.8, 1);
        try
        {
            var error = await Assert.ThrowsAnyAsync<Exception>(() => campaign.ReportEpochAsync(lease.LeaseId, metrics));

            var failure = Assert.IsType<StoreUnavailableException>(error);
            Assert.Contains(kind == "connection" ? "Exception while reading from stream" : "57P01", failure.Message);
        }
        finally
        {
            fixture.StoreFaults.Clear();
        }

        Assert.NotEqual(EpochDecision.LeaseLost, (await campaign.ReportEpochAsync(lease.LeaseId, metrics)).Decision);
        Assert.Equal(1, Assert.Single(await fixture.Store.GetLeaderboardAsync(id)).Epochs);
    }
}
