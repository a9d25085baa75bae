namespace NinSearch.Store;

/// <summary>The database behind the store.</summary>
public enum StoreProvider
{
    /// <summary>An embedded SQLite file: zero setup, one machine.</summary>
    Sqlite = 0,

    /// <summary>PostgreSQL (Npgsql): several silos and workers on several machines.</summary>
    Postgres = 1,
}
