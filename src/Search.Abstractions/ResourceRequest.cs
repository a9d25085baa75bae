namespace NinSearch.Abstractions;

/// <summary>
/// What one trial needs from a worker: a share of a GPU or whole GPUs (0 for a CPU trial), GPU memory per GPU and CPU
/// threads. A share below 1 (<c>gpus: 0.25</c>) packs several trials onto one device. A trial is only handed to a
/// worker whose free resources contain the request (<see cref="FitsIn"/>).
/// </summary>
/// <remarks>Wire history: <c>Id(0)</c> was <c>int Gpus</c>; it is retired and never reused (fractional GPUs took <c>Id(3)</c>).</remarks>
[GenerateSerializer, Immutable]
public sealed record ResourceRequest(
    [property: Id(3)] double Gpus,
    [property: Id(1)] long GpuMemoryBytes,
    [property: Id(2)] int CpuThreads)
{
    /// <summary>One CPU thread, no GPU: the default for a CPU campaign.</summary>
    public static ResourceRequest OneCpu { get; } = new(0, 0, 1);

    /// <summary>One whole GPU and one CPU thread to feed it.</summary>
    public static ResourceRequest OneGpu { get; } = new(1, 0, 1);

    /// <summary>
    /// True when this request can run within <paramref name="free"/>: a trial slot, the CPU threads, and for a GPU
    /// trial a placement by <see cref="GpuPlacement.FirstFit"/> on the worker's free devices, the rule the worker
    /// itself places leases by.
    /// </summary>
    public bool FitsIn(WorkerResources free) =>
        CpuThreads <= free.CpuThreads
        && free.TrialSlots > 0
        && (Gpus <= 0 || GpuPlacement.FirstFit(this, free.FreeGpus()) is not null);
}
