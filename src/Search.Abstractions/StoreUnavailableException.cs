namespace NinSearch.Abstractions;

/// <summary>
/// The silo could not complete a call because its store failed (a dropped connection, a failover, a server error).
/// Nothing about the call is wrong: the caller may retry it (every call about a lease is idempotent). The silo sends
/// this instead of the database driver's own exception, which callers without the driver (workers) cannot read.
/// </summary>
[GenerateSerializer]
public sealed class StoreUnavailableException : Exception
{
    public StoreUnavailableException() { }

    public StoreUnavailableException(string message) : base(message) { }

    public StoreUnavailableException(string message, Exception inner) : base(message, inner) { }
}
