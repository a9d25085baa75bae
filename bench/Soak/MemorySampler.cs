using Orleans.Runtime;

namespace NinSearch.Bench.Soak;

/// <summary>
/// Samples every silo's resident set and managed heap every few seconds, tagged with the run's minute. With
/// <paramref name="collect"/>, every silo first runs a full collection, so the heap is live data only.
/// </summary>
internal sealed class MemorySampler(IReadOnlyList<SiloProcess> silos, SoakRecorder recorder, IManagementGrain? collect = null)
{
    public sealed record Sample(int Minute, string Silo, long RssBytes, long? HeapBytes);

    private readonly List<Sample> _samples = [];
    private readonly Dictionary<int, double> _load = [];

    public IReadOnlyList<Sample> Samples { get { lock (_samples) return [.. _samples]; } }

    /// <summary>The 1-minute load average last read in each minute.</summary>
    public IReadOnlyDictionary<int, double> Load { get { lock (_samples) return new Dictionary<int, double>(_load); } }

    public async Task RunAsync(TimeSpan period, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(period);
        do
        {
            var minute = recorder.CurrentMinute;
            if (collect is not null) await collect.ForceGarbageCollection([.. (await collect.GetHosts(onlyActive: true)).Keys]);
            foreach (var silo in silos.Where(s => !s.HasExited))
            {
                var sample = new Sample(minute, silo.Name, silo.ResidentBytes(), await silo.ManagedHeapBytesAsync());
                lock (_samples) _samples.Add(sample);
            }
            lock (_samples) _load[minute] = LoadAverage.OneMinute();
        }
        while (await Tick(timer, ct));
    }

    private static async Task<bool> Tick(PeriodicTimer timer, CancellationToken ct)
    {
        try { return await timer.WaitForNextTickAsync(ct); }
        catch (OperationCanceledException) { return false; }
    }
}
