namespace NinSearch.Abstractions;

/// <summary>
/// What one trial needs from a worker: GPUs (0 for a CPU trial), GPU memory per GPU and CPU threads.
/// A trial is only handed to a worker whose free resources contain the request (<see cref="FitsIn"/>).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ResourceRequest(
    [property: Id(0)] int Gpus,
    [property: Id(1)] long GpuMemoryBytes,
    [property: Id(2)] int CpuThreads)
{
    /// <summary>One CPU thread, no GPU: the default for a CPU campaign.</summary>
    public static ResourceRequest OneCpu { get; } = new(0, 0, 1);

    /// <summary>One whole GPU and one CPU thread to feed it.</summary>
    public static ResourceRequest OneGpu { get; } = new(1, 0, 1);

    /// <summary>True when this request can run within <paramref name="free"/>.</summary>
    public bool FitsIn(WorkerResources free) =>
        Gpus <= free.Gpus
        && (Gpus == 0 || GpuMemoryBytes <= free.GpuMemoryBytesPerGpu)
        && CpuThreads <= free.CpuThreads
        && free.TrialSlots > 0;
}
