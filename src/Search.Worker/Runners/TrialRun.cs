using NinSearch.Abstractions;
using NinSearch.Spec;

namespace NinSearch.Worker.Runners;

/// <summary>One attempt to hand to an <see cref="ITrialRunner"/>.</summary>
/// <param name="Lease">The lease (ids, dataset, granted resources).</param>
/// <param name="Config">The parsed trial configuration.</param>
/// <param name="ResumeCheckpoint">Checkpoint bytes to resume from (taken after epoch <c>Lease.ResumeFromEpoch</c>), or null.</param>
/// <param name="Options">The worker's options (device, threads, data path).</param>
public sealed record TrialRun(TrialLease Lease, TrialConfig Config, byte[]? ResumeCheckpoint, WorkerOptions Options)
{
    /// <summary>
    /// The GPUs the worker placed the trial on (with fake devices on the CPU, the device it counts against); null
    /// when the caller did not place it (the runner then picks a free GPU itself).
    /// </summary>
    public DevicePlacement? Placement { get; init; }
}
