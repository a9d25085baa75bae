using NinSearch.Spec;
using NinSearch.Store.Entities;

namespace NinSearch.Store.ReadModel;

/// <summary>One worker (<c>GET /api/v1/workers</c>): device, what it runs now, its throughput and last heartbeat.</summary>
/// <param name="Id">The worker's id.</param>
/// <param name="Host">Its host name.</param>
/// <param name="Device">CPU or CUDA.</param>
/// <param name="Gpus">GPUs it has.</param>
/// <param name="GpuMemoryMb">Memory per GPU.</param>
/// <param name="CpuThreads">CPU threads it has.</param>
/// <param name="Status">What the coordinator believes about it.</param>
/// <param name="LastHeartbeat">Its latest heartbeat.</param>
/// <param name="RegisteredAt">When it first registered.</param>
/// <param name="Trials">The trials it is running now (campaign and number).</param>
/// <param name="ImagesPerSecond">Training images per second over its running trials' latest epochs; null when none reported.</param>
public sealed record WorkerSummary(
    string Id,
    string Host,
    DeviceKind Device,
    int Gpus,
    long GpuMemoryMb,
    int CpuThreads,
    WorkerStatus Status,
    DateTimeOffset LastHeartbeat,
    DateTimeOffset RegisteredAt,
    IReadOnlyList<RunningTrialRef> Trials,
    double? ImagesPerSecond);
