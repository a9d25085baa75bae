using NinSearch.Spec;
using NinSearch.Worker;

namespace NinSearch.Silo.Tests.Packing;

/// <summary>What a worker advertises for packing: each GPU idle with its memory; fake devices only when asked for outright.</summary>
public sealed class WorkerCapabilitiesTests
{
    private const long GiB = 1L << 30;

    [Fact]
    public void A_cuda_worker_lists_each_gpu_idle_with_its_memory()
    {
        var resources = WorkerCapabilities.Detect(new WorkerOptions
        {
            Device = WorkerDevice.Cuda, Runner = TrialRunnerKind.NoOp, Gpus = 2, GpuMemoryBytes = 80 * GiB, Threads = 8, MaxConcurrentTrials = 8,
        });

        Assert.Equal((DeviceKind.Cuda, 2, 8), (resources.Device, resources.Gpus, resources.TrialSlots));
        Assert.Equal([(0, 1.0, 80 * GiB), (1, 1.0, 80 * GiB)], resources.GpuDevices.Select(d => (d.Index, d.Free, d.FreeMemoryBytes)));
    }

    [Fact]
    public void Fake_devices_on_the_cpu_need_device_cpu_outright()
    {
        var fake = WorkerCapabilities.Detect(new WorkerOptions { Device = WorkerDevice.Cpu, Runner = TrialRunnerKind.NoOp, Gpus = 1, Threads = 4 });
        var merelyNoGpu = WorkerCapabilities.Detect(new WorkerOptions { Device = WorkerDevice.Auto, Runner = TrialRunnerKind.NoOp, Gpus = 1, Threads = 4 });

        Assert.Equal((DeviceKind.Cpu, 1), (fake.Device, fake.GpuDevices.Length));
        Assert.Equal((DeviceKind.Cpu, 0, 0), (merelyNoGpu.Device, merelyNoGpu.Gpus, merelyNoGpu.GpuDevices.Length));
    }

    [Fact]
    public void Negative_gpu_settings_are_refused_naming_the_key()
    {
        var errors = new WorkerOptions { Gpus = -1, GpuMemoryBytes = -1 }.Validate().ToList();

        Assert.Equal(["NinSearch:Worker:Gpus must not be negative", "NinSearch:Worker:GpuMemoryBytes must not be negative"], errors);
    }
}
