namespace NinSearch.Model.Benchmarks;

/// <summary>
/// What <see cref="PackBenchmark.Run"/> measured: one trial alone, then <see cref="Trials"/> packed on the same device.
/// <see cref="AloneSeconds"/> is the wall time of the lone trial's timed steps; <see cref="PackedSeconds"/> the wall time
/// until the last packed trial has run the same number of timed steps.
/// </summary>
public sealed record PackBenchmarkResult(
    string Architecture, long Parameters, string Device, int Trials, int Batch, int Steps, int WarmupSteps, int Threads,
    double AloneSeconds, double PackedSeconds)
{
    /// <summary>Alone/packed measurements taken, alternating; the seconds are their medians. Default 1.</summary>
    public int Rounds { get; init; } = 1;

    /// <summary>Training images per second of the trial alone.</summary>
    public double AloneImagesPerSecond => Batch * (double)Steps / AloneSeconds;

    /// <summary>Training images per second of all packed trials together.</summary>
    public double PackedImagesPerSecond => Trials * Batch * (double)Steps / PackedSeconds;

    /// <summary>Packed aggregate over alone: what packing <see cref="Trials"/> trials onto the device gains (the GPU target is ≥ 3 for 4 to 8 small NiNs).</summary>
    public double Speedup => PackedImagesPerSecond / AloneImagesPerSecond;
}
