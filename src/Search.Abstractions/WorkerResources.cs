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

    /// <summary>What is left after a trial with <paramref name="request"/> starts.</summary>
    public WorkerResources Minus(ResourceRequest request) => this with
    {
        Gpus = Gpus - request.Gpus,
        CpuThreads = CpuThreads - request.CpuThreads,
        TrialSlots = TrialSlots - 1,
    };

    /// <summary>What is free again after a trial with <paramref name="request"/> ends.</summary>
    public WorkerResources Plus(ResourceRequest request) => this with
    {
        Gpus = Gpus + request.Gpus,
        CpuThreads = CpuThreads + request.CpuThreads,
        TrialSlots = TrialSlots + 1,
    };
}
