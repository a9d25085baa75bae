using NinSearch.Abstractions;
using NinSearch.Model.Devices;
using NinSearch.Spec;

namespace NinSearch.Worker;

/// <summary>Works out what a worker offers from its options and the machine.</summary>
public static class WorkerCapabilities
{
    /// <summary>
    /// The worker's total resources. With <see cref="WorkerDevice.Auto"/> and the Torch runner, CUDA is used when
    /// libtorch sees it; the no-op runner never probes libtorch.
    /// </summary>
    public static WorkerResources Detect(WorkerOptions options)
    {
        var threads = options.Threads > 0 ? options.Threads : Environment.ProcessorCount;
        var cuda = options.Device switch
        {
            WorkerDevice.Cuda => true,
            WorkerDevice.Cpu => false,
            _ => options.Runner == TrialRunnerKind.Torch && ComputeDevice.CudaAvailable(),
        };
        if (!cuda) return new WorkerResources(DeviceKind.Cpu, 0, 0, threads, options.MaxConcurrentTrials);
        var gpus = options.Gpus ?? (options.Runner == TrialRunnerKind.Torch ? TorchSharp.torch.cuda.device_count() : 1);
        return new WorkerResources(DeviceKind.Cuda, gpus, options.GpuMemoryBytes, threads, options.MaxConcurrentTrials);
    }
}
