namespace NinSearch.Dashboard.Ui.Live;

/// <summary>
/// How often the charts that carry every trial (learning curves, best so far, parallel coordinates) follow a live
/// campaign. Each redraw sends and draws all of its trials: on a campaign of thousands, redrawing after every epoch
/// keeps the browser busy for longer than the reports are apart, and everything else on the page (the latest report,
/// the running trials, progress) waits behind it. Those follow every change; the charts catch up at most once per
/// <see cref="IntervalFor"/>. Not thread-safe: use it on the page's renderer context.
/// </summary>
public sealed class ChartPacing(TimeProvider time)
{
    private DateTimeOffset? drawnAt;

    /// <summary>The campaign version the charts show.</summary>
    public long Version { get; private set; } = -1;

    /// <summary>The shortest time between two redraws of a campaign of <paramref name="trials"/> trials: 1.5 ms a trial, from 250 ms to 5 s.</summary>
    public static TimeSpan IntervalFor(int trials) => TimeSpan.FromMilliseconds(Math.Clamp(trials * 1.5, 250, 5000));

    /// <summary>
    /// Moves the charts to <paramref name="campaignVersion"/> when they may redraw now; otherwise says how long until
    /// they may (then call again). Null when the charts show that version after the call.
    /// </summary>
    public TimeSpan? CatchUp(long campaignVersion, int trials)
    {
        if (Version == campaignVersion) return null;
        var now = time.GetUtcNow();
        if (drawnAt is { } last && now - last < IntervalFor(trials)) return last + IntervalFor(trials) - now;
        Version = campaignVersion;
        drawnAt = now;
        return null;
    }
}
