namespace NinSearch.Worker;

/// <summary>The device choice in <see cref="WorkerOptions.Device"/>.</summary>
public enum WorkerDevice
{
    /// <summary>CUDA when libtorch sees a GPU, else CPU.</summary>
    Auto = 0,
    Cpu = 1,
    Cuda = 2,
}
