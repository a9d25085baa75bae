namespace NinSearch.Model.Training;

/// <summary>
/// How fast a network infers on one device, in evaluation mode on random images: what a deployment at batch 1 waits
/// per image, and what a batch server gets through.
/// </summary>
/// <param name="LatencyMs">Median milliseconds for one image at batch 1.</param>
/// <param name="ImagesPerSecond">Images per second at batch <see cref="InferenceTiming.ThroughputBatch"/>.</param>
/// <param name="Device">The device it ran on (cpu, cuda:0, ...).</param>
public sealed record InferenceSpeed(double LatencyMs, double ImagesPerSecond, string Device);
