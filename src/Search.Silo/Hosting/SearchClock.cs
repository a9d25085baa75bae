namespace NinSearch.Silo.Hosting;

/// <summary>
/// The clock that decides lease expiry and budgets. A separate type (not the container's <see cref="TimeProvider"/>)
/// so tests can move lease time forward with a fake provider without moving Orleans' own timers.
/// </summary>
public sealed class SearchClock(TimeProvider provider)
{
    /// <summary>The system clock.</summary>
    public static SearchClock System { get; } = new(TimeProvider.System);

    /// <summary>The current time.</summary>
    public DateTimeOffset UtcNow => provider.GetUtcNow();
}
