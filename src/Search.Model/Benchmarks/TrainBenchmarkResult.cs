namespace NinSearch.Model.Benchmarks;

/// <summary>What <see cref="TrainBenchmark.Run"/> measured: timed steps only, after warm-up.</summary>
public sealed record TrainBenchmarkResult(
    string Architecture, long Parameters, int Batch, int Steps, int WarmupSteps, int Threads, string Device, double Seconds)
{
    /// <summary>Training images per second over the timed steps.</summary>
    public double ImagesPerSecond => Batch * (double)Steps / Seconds;
}
