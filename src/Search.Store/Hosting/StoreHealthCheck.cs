using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace NinSearch.Store.Hosting;

/// <summary>
/// Readiness of a process that needs the store: healthy when the database answers <c>SELECT 1</c> on a pooled
/// connection. It says nothing about the schema (the silo creates or migrates it before it starts). Register it with
/// a timeout, so a probe gets its answer even when the database does not:
/// <code>
/// services.AddHealthChecks().AddCheck&lt;StoreHealthCheck&gt;(StoreHealthCheck.Name, null, [HealthTags.Ready], TimeSpan.FromSeconds(5));
/// </code>
/// </summary>
public sealed class StoreHealthCheck(IDbContextFactory<SearchDbContext> contexts) : IHealthCheck
{
    /// <summary>The check's name in health reports, <c>store</c>.</summary>
    public const string Name = "store";

    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await db.Database.OpenConnectionAsync(cancellationToken);
            try
            {
                await using var command = db.Database.GetDbConnection().CreateCommand();
                command.CommandText = "SELECT 1";
                await command.ExecuteScalarAsync(cancellationToken);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
            return HealthCheckResult.Healthy("the store answers");
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "the store does not answer", e);
        }
    }
}
