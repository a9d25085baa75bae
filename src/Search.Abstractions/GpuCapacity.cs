namespace NinSearch.Abstractions;

/// <summary>
/// What is free on one GPU of a worker: the share of the device not yet given to trials (1 when idle) and its memory
/// not yet promised to them. A worker advertises one per device in <see cref="WorkerResources.GpuDevices"/>.
/// </summary>
/// <param name="Index">The CUDA device index (<c>cuda:Index</c>).</param>
/// <param name="Free">Free share of the device, in [0, 1].</param>
/// <param name="FreeMemoryBytes">Device memory not promised to running trials; 0 when unknown (then only trials asking for no memory fit).</param>
[GenerateSerializer, Immutable]
public sealed record GpuCapacity(
    [property: Id(0)] int Index,
    [property: Id(1)] double Free,
    [property: Id(2)] long FreeMemoryBytes)
{
    /// <summary>An idle device with <paramref name="memoryBytes"/> of memory.</summary>
    public static GpuCapacity Idle(int index, long memoryBytes) => new(index, 1.0, memoryBytes);

    /// <summary>Whether no trial holds any share of this device.</summary>
    public bool IsIdle => Free >= 1.0 - GpuPlacement.Tolerance;
}
