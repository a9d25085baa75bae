using Npgsql;

namespace NinSearch.Dashboard.Tests.Infrastructure;

/// <summary>Row counts of the store's main tables, and every campaign's status.</summary>
public sealed record StoreCounts(long Campaigns, long Trials, long Events, string Statuses)
{
    /// <summary>Rows in the tables a submission, a cancellation or a run would write.</summary>
    public static async Task<StoreCounts> ReadAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT (SELECT count(*) FROM campaigns), (SELECT count(*) FROM trials), (SELECT count(*) FROM campaign_events), " +
            "(SELECT coalesce(string_agg(id || ':' || status, ',' ORDER BY id), '') FROM campaigns)", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new StoreCounts(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetString(3));
    }
}
