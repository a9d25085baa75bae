using System.Diagnostics;

namespace NinSearch.Bench.Soak;

/// <summary>The calls' latencies and the finished lifecycles, in one bucket per minute of the run.</summary>
internal sealed class SoakRecorder
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Dictionary<int, Minute> _minutes = [];

    public TimeSpan Elapsed => _clock.Elapsed;

    public int CurrentMinute => (int)_clock.Elapsed.TotalMinutes;

    /// <summary>One minute's samples, in milliseconds.</summary>
    public sealed class Minute
    {
        public readonly List<double> Lease = [], Granted = [], Report = [], Complete = [], Heartbeat = [];
        public int Lifecycles, Errors;
    }

    public void Lease(double ms, bool granted) => Add(m => { m.Lease.Add(ms); if (granted) m.Granted.Add(ms); });

    public void Report(double ms) => Add(m => m.Report.Add(ms));

    public void Complete(double ms) => Add(m => { m.Complete.Add(ms); m.Lifecycles++; });

    public void Heartbeat(double ms) => Add(m => m.Heartbeat.Add(ms));

    public void Error() => Add(m => m.Errors++);

    /// <summary>The minutes recorded so far, in order (the caller must not record meanwhile).</summary>
    public IReadOnlyList<(int Index, Minute Samples)> Minutes()
    {
        lock (_minutes) return [.. _minutes.OrderBy(p => p.Key).Select(p => (p.Key, p.Value))];
    }

    private void Add(Action<Minute> add)
    {
        var index = CurrentMinute;
        lock (_minutes)
        {
            if (!_minutes.TryGetValue(index, out var minute)) _minutes[index] = minute = new Minute();
            add(minute);
        }
    }
}
