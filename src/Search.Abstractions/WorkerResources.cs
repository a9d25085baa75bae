using NinSearch.Spec;

namespace NinSearch.Abstractions;

/// <summary>
/// Resources of a worker, either in total (its capabilities) or what is free right now. <see cref="TrialSlots"/> is
/// how many more trials the worker is willing to run at once.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record WorkerResources(
    [property: Id(0)] DeviceKind Device,
    [property: Id(1)] int Gpus,
    [property: Id(2)] long GpuMemoryBytesPerGpu,
    [property: Id(3)] int CpuThreads,
    [property: Id(4)] int TrialSlots)
{
    /// <summary>
    /// Datasets (campaign dataset names) this worker failed to load: campaigns that need one of them lease it nothing.
    /// Empty by default.
    /// </summary>
    [Id(5)] public string[] UnavailableDatasets { get; init; } = [];

    /// <summary>Whether this worker can be given trials of <paramref name="dataset"/>.</summary>
    public bool CanLoad(string dataset) => Array.IndexOf(UnavailableDatasets, dataset) < 0;

    /// <summary>
    /// Each GPU with its free share and memory. Empty when the worker does not say (a CPU worker, or one from before
    /// trial packing): then <see cref="Gpus"/> idle devices of <see cref="GpuMemoryBytesPerGpu"/> each are assumed.
    /// </summary>
    [Id(6)] public GpuCapacity[] GpuDevices { get; init; } = [];

    /// <summary>The GPUs as placement sees them: <see cref="GpuDevices"/>, or idle ones made from the counts.</summary>
    public IReadOnlyList<GpuCapacity> FreeGpus() => GpuDevices.Length > 0
        ? GpuDevices
        : [.. Enumerable.Range(0, Math.Max(0, Gpus)).Select(i => GpuCapacity.Idle(i, GpuMemoryBytesPerGpu))];

    /// <summary>What is left after a trial with <paramref name="request"/> starts at <paramref name="placement"/>.</summary>
    public WorkerResources Minus(ResourceRequest request, DevicePlacement placement)
    {
        var devices = GpuPlacement.Take(FreeGpus(), request, placement);
        return this with
        {
            Gpus = devices.Count(d => d.IsIdle),
            GpuDevices = devices,
            CpuThreads = CpuThreads - request.CpuThreads,
            TrialSlots = TrialSlots - 1,
        };
    }
}
