namespace NinSearch.EndToEnd.Tests;

/// <summary>A test that restarts PostgreSQL itself: skipped, saying why, where no pg_ctl is installed.</summary>
internal sealed class PgCtlFactAttribute : FactAttribute
{
    public PgCtlFactAttribute()
    {
        if (DedicatedPostgres.Bin is null) Skip = "needs PostgreSQL's pg_ctl (/usr/lib/postgresql/*/bin or $PG_BIN) to restart a server of its own";
    }
}
