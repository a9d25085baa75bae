namespace NinSearch.Spec;

/// <summary>The kind of device a worker trains on.</summary>
public enum DeviceKind
{
    /// <summary>CPU threads only.</summary>
    Cpu = 0,

    /// <summary>One or more CUDA GPUs.</summary>
    Cuda = 1,
}
