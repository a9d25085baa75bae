using System.Globalization;

namespace NinSearch.Dashboard.Ui;

/// <summary>How the UI writes numbers and times (invariant culture: the same on every server).</summary>
public static class Format
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>0.9123 → "91.23%"; null → "—".</summary>
    public static string Accuracy(double? value) => value is { } v ? (v * 100).ToString("0.00", Invariant) + "%" : "—";

    /// <summary>1234567 → "1.23M".</summary>
    public static string Count(long value) => value switch
    {
        >= 1_000_000_000 => (value / 1e9).ToString("0.##", Invariant) + "G",
        >= 1_000_000 => (value / 1e6).ToString("0.##", Invariant) + "M",
        >= 1_000 => (value / 1e3).ToString("0.##", Invariant) + "k",
        _ => value.ToString(Invariant),
    };

    /// <summary>Seconds as "2h 05m", "3m 07s" or "12s".</summary>
    public static string Duration(double? seconds)
    {
        if (seconds is not { } s || double.IsNaN(s)) return "—";
        var span = TimeSpan.FromSeconds(Math.Max(0, s));
        return span.TotalHours >= 1 ? $"{(int)span.TotalHours}h {span.Minutes:00}m"
            : span.TotalMinutes >= 1 ? $"{span.Minutes}m {span.Seconds:00}s"
            : $"{span.Seconds}s";
    }

    /// <summary>Milliseconds per image, "0.42 ms"; null → "—".</summary>
    public static string Latency(double? milliseconds) =>
        milliseconds is { } ms ? ms.ToString(ms < 10 ? "0.00" : "0.0", Invariant) + " ms" : "—";

    /// <summary>Images per second, "12.3k images/s"; null → "—".</summary>
    public static string Throughput(double? imagesPerSecond) =>
        imagesPerSecond is { } ips ? Count((long)Math.Round(ips)) + " images/s" : "—";

    /// <summary>How long ago <paramref name="at"/> was, from <paramref name="now"/>.</summary>
    public static string Ago(DateTimeOffset at, DateTimeOffset now) => Duration((now - at).TotalSeconds) + " ago";

    /// <summary>A time of day in UTC, "14:03:07".</summary>
    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("HH:mm:ss", Invariant);

    /// <summary>A number with up to 4 significant digits, invariant.</summary>
    public static string Number(double value) => value.ToString("G4", Invariant);

    /// <summary>An enum value as the JSON convention writes it: <c>TrialLeased</c> → "trial leased" for people.</summary>
    public static string Words<T>(T value) where T : struct, Enum =>
        string.Concat(value.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
