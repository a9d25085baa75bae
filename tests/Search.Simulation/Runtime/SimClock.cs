namespace NinSearch.Simulation.Runtime;

/// <summary>
/// Simulated time: moves only when the simulator moves it. It has no timers of its own (the simulator's timer queue
/// plays them), so a component that asks it for one is using time the schedule does not control, and fails loudly.
/// </summary>
public sealed class SimClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    /// <summary>The epoch every schedule starts at.</summary>
    public static DateTimeOffset Start { get; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => _now;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => _now.UtcTicks;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        throw new NotSupportedException("the simulated clock has no timers: a component under simulation must not schedule on a TimeProvider");

    /// <summary>Moves time forward (never back).</summary>
    public void AdvanceTo(DateTimeOffset time)
    {
        if (time > _now) _now = time;
    }

    /// <summary>Moves time forward by <paramref name="delta"/>.</summary>
    public void Advance(TimeSpan delta) => _now += delta;
}
