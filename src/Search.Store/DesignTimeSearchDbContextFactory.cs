using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace NinSearch.Store;

/// <summary>
/// Lets <c>dotnet ef migrations add</c> build the PostgreSQL model without a host. Generating migrations does not
/// connect; <c>NINSEARCH_PG</c> overrides the placeholder connection string for commands that do.
/// </summary>
internal sealed class DesignTimeSearchDbContextFactory : IDesignTimeDbContextFactory<SearchDbContext>
{
    public SearchDbContext CreateDbContext(string[] args)
    {
        var options = new StoreOptions
        {
            Provider = StoreProvider.Postgres,
            ConnectionString = Environment.GetEnvironmentVariable("NINSEARCH_PG")
                ?? "Host=127.0.0.1;Port=55432;Username=postgres;Database=ninsearch",
        };
        var builder = new DbContextOptionsBuilder<SearchDbContext>();
        builder.UseSearchStore(options);
        return new SearchDbContext(builder.Options);
    }
}
