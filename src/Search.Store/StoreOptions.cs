namespace NinSearch.Store;

/// <summary>Settings of the campaign store; bound from the <c>Store</c> configuration section by default.</summary>
public sealed class StoreOptions
{
    /// <summary>The configuration section name, <c>Store</c>.</summary>
    public const string SectionName = "Store";

    /// <summary>The database. Default <see cref="StoreProvider.Sqlite"/>.</summary>
    public StoreProvider Provider { get; set; } = StoreProvider.Sqlite;

    /// <summary>
    /// ADO.NET connection string for <see cref="Provider"/>. Default <c>Data Source=ninsearch.db</c> (a SQLite file in
    /// the working directory). For PostgreSQL e.g. <c>Host=127.0.0.1;Port=55432;Username=postgres;Database=ninsearch</c>.
    /// </summary>
    public string ConnectionString { get; set; } = "Data Source=ninsearch.db";

    /// <summary>
    /// A file whose contents (trimmed) replace <see cref="ConnectionString"/>, e.g. a mounted Kubernetes secret, so the
    /// password never appears in a command line. Default null.
    /// </summary>
    public string? ConnectionStringFile { get; set; }

    /// <summary>
    /// Directory for checkpoint files. Default null: checkpoint bytes are stored in the database (<c>bytea</c> on
    /// PostgreSQL, <c>blob</c> on SQLite). Every process that saves or loads checkpoints must see the same directory.
    /// </summary>
    public string? CheckpointDirectory { get; set; }

    /// <summary>
    /// How many <see cref="Entities.CheckpointKind.Resume"/> checkpoints to keep per trial (older ones are deleted
    /// when a new one is saved). Default 2, at least 1. One <see cref="Entities.CheckpointKind.Final"/> checkpoint is
    /// kept per trial.
    /// </summary>
    public int KeepCheckpoints { get; set; } = 2;

    /// <summary>Returns the problems with these settings, empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!Enum.IsDefined(Provider))
        {
            errors.Add($"Store:Provider: unknown provider {Provider}.");
        }

        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            errors.Add("Store:ConnectionString: required.");
        }

        if (KeepCheckpoints < 1)
        {
            errors.Add($"Store:KeepCheckpoints: must be at least 1, was {KeepCheckpoints}.");
        }

        return errors;
    }
}
