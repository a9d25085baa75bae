namespace NinSearch.Store;

/// <summary>A trial's measured inference speed as the store keeps it (<see cref="Entities.Trial.LatencyMs"/>,
/// <see cref="Entities.Trial.InferenceImagesPerSecond"/>).</summary>
/// <param name="LatencyMs">Median milliseconds per image at batch 1.</param>
/// <param name="ImagesPerSecond">Images per second at batch 256.</param>
public sealed record InferenceSpeedRow(double LatencyMs, double ImagesPerSecond);
