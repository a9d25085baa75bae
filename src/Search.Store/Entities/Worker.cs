using NinSearch.Spec;

namespace NinSearch.Store.Entities;

/// <summary>A worker process and its capabilities (table <c>workers</c>).</summary>
public sealed class Worker
{
    /// <summary>Key chosen by the worker (e.g. host name plus process id), at most 128 characters.</summary>
    public required string Id { get; set; }

    /// <summary>Host name.</summary>
    public required string Host { get; set; }

    /// <summary>The device kind it trains on.</summary>
    public DeviceKind DeviceKind { get; set; }

    /// <summary>GPUs available to it.</summary>
    public int GpuCount { get; set; }

    /// <summary>Memory per GPU in MiB (0 without GPUs).</summary>
    public long GpuMemoryMb { get; set; }

    /// <summary>CPU threads available to it.</summary>
    public int CpuThreads { get; set; }

    /// <summary>When it first registered.</summary>
    public DateTimeOffset RegisteredAt { get; set; }

    /// <summary>Its latest heartbeat.</summary>
    public DateTimeOffset LastHeartbeat { get; set; }

    /// <summary>What the coordinator believes about it.</summary>
    public WorkerStatus Status { get; set; } = WorkerStatus.Online;
}
