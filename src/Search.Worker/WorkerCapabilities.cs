using NinSearch.Abstractions;
using NinSearch.Model.Devices;
using NinSearch.Spec;

namespace NinSearch.Worker;

/// <summary>Works out what a worker offers from its options and the machine.</summary>
public static class WorkerCapabilities
{
    /// <summary>
    /// The worker's total resources. With <see cref="WorkerDevice.Auto"/> and the Torch runner, CUDA is used when
    /// libtorch sees it; the no-op runner never probes libtorch. Every GPU is listed, idle, with its memory, for the
    /// silo to place fractional trials by.
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
        if (!cuda)
        {
            // Fake devices only when asked for outright (--device cpu --gpus N): a worker that merely found no GPU
            // must not take GPU campaigns' trials.
            var fake = options.Device == WorkerDevice.Cpu ? options.Gpus ?? 0 : 0;
            return new WorkerResources(DeviceKind.Cpu, fake, fake > 0 ? options.GpuMemoryBytes : 0, threads, options.MaxConcurrentTrials)
            {
                GpuDevices = Devices(fake, options.GpuMemoryBytes),
            };
        }
        var gpus = options.Gpus ?? (options.Runner == TrialRunnerKind.Torch ? TorchSharp.torch.cuda.device_count() : 1);
        return new WorkerResources(DeviceKind.Cuda, gpus, options.GpuMemoryBytes, threads, options.MaxConcurrentTrials)
        {
            GpuDevices = Devices(gpus, options.GpuMemoryBytes),
        };
    }

    private static GpuCapacity[] Devices(int count, long memoryBytes) =>
        [.. Enumerable.Range(0, count).Select(i => GpuCapacity.Idle(i, memoryBytes))];
}
