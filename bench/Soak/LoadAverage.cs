using System.Globalization;

namespace NinSearch.Bench.Soak;

/// <summary>The machine's load average (/proc/loadavg), recorded with every measurement.</summary>
internal static class LoadAverage
{
    /// <summary>The 1, 5 and 15 minute averages, as <c>uptime</c> prints them.</summary>
    public static string Read() => string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    public static double OneMinute() => double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);
}
