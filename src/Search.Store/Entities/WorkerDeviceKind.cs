namespace NinSearch.Store.Entities;

/// <summary>The kind of device a worker trains on. Stored as its name (text).</summary>
public enum WorkerDeviceKind
{
    /// <summary>CPU threads only.</summary>
    Cpu = 0,

    /// <summary>One or more CUDA GPUs.</summary>
    Cuda = 1,
}
