using System.Runtime.InteropServices;

namespace NinSearch.Worker.Metrics;

/// <summary>
/// Memory in use on the devices a worker trains on, for <see cref="WorkerInstruments"/>' gauge: on the CPU the
/// process's working set (TorchSharp 0.107 exposes no CPU allocator statistics, and the working set holds the
/// datasets and every trial's tensors); on each CUDA device the memory in use as NVIDIA's management library (NVML,
/// part of the driver) reports it. TorchSharp 0.107 binds no <c>torch.cuda.memory_allocated</c>, and NVML needs no
/// libtorch, so the metrics callback never loads it. NVML counts every process on the device: in a pod that owns
/// its GPUs, that is this worker. Where NVML is missing (no driver, a CPU node) only the CPU is reported.
/// </summary>
internal static class DeviceMemory
{
    private static readonly Lazy<bool> Nvml = new(InitNvml);

    /// <summary>(device label, bytes in use): <c>cpu</c> always, <c>cuda:N</c> per GPU when <paramref name="cuda"/> and NVML answers.</summary>
    public static IEnumerable<(string Device, long Bytes)> Read(bool cuda)
    {
        yield return ("cpu", Environment.WorkingSet);
        if (!cuda || !Nvml.Value) yield break;
        if (NativeMethods.nvmlDeviceGetCount_v2(out var count) != 0) yield break;
        for (uint i = 0; i < count; i++)
        {
            if (NativeMethods.nvmlDeviceGetHandleByIndex_v2(i, out var handle) != 0) continue;
            if (NativeMethods.nvmlDeviceGetMemoryInfo(handle, out var memory) != 0) continue;
            yield return ($"cuda:{i}", (long)memory.Used);
        }
    }

    private static bool InitNvml()
    {
        try { return NativeMethods.nvmlInit_v2() == 0; }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException) { return false; }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct NvmlMemory
    {
        public ulong Total;
        public ulong Free;
        public ulong Used;
    }

    private static class NativeMethods
    {
        private const string Library = "libnvidia-ml.so.1";

        [DllImport(Library)]
        internal static extern int nvmlInit_v2();

        [DllImport(Library)]
        internal static extern int nvmlDeviceGetCount_v2(out uint count);

        [DllImport(Library)]
        internal static extern int nvmlDeviceGetHandleByIndex_v2(uint index, out nint device);

        [DllImport(Library)]
        internal static extern int nvmlDeviceGetMemoryInfo(nint device, out NvmlMemory memory);
    }
}
