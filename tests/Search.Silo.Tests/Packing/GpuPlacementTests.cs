using NinSearch.Abstractions;
using NinSearch.Spec;

namespace NinSearch.Silo.Tests.Packing;

/// <summary>The placement rule the silo leases by and the worker places by.</summary>
public sealed class GpuPlacementTests
{
    private const long GiB = 1L << 30;

    private static WorkerResources Worker(params GpuCapacity[] devices) =>
        new(DeviceKind.Cuda, devices.Count(d => d.IsIdle), 80 * GiB, 16, 16) { GpuDevices = devices };

    [Fact]
    public void Fractional_trials_go_to_the_first_device_with_the_share_and_memory_free()
    {
        var devices = new[] { new GpuCapacity(0, 0.5, 10 * GiB), GpuCapacity.Idle(1, 80 * GiB) };

        Assert.Equal([0], GpuPlacement.FirstFit(new ResourceRequest(0.25, 4 * GiB, 1), devices)!.Gpus);
        Assert.Equal([1], GpuPlacement.FirstFit(new ResourceRequest(0.75, 4 * GiB, 1), devices)!.Gpus);
        Assert.Equal([1], GpuPlacement.FirstFit(new ResourceRequest(0.25, 20 * GiB, 1), devices)!.Gpus);
        Assert.Null(GpuPlacement.FirstFit(new ResourceRequest(2, 0, 1), devices));
        Assert.Same(DevicePlacement.Cpu, GpuPlacement.FirstFit(ResourceRequest.OneCpu, devices));
    }

    [Fact]
    public void Whole_gpus_take_only_idle_devices()
    {
        var devices = new[] { new GpuCapacity(0, 0.9, 80 * GiB), GpuCapacity.Idle(1, 80 * GiB), GpuCapacity.Idle(2, 80 * GiB) };

        Assert.Equal([1, 2], GpuPlacement.FirstFit(new ResourceRequest(2, 40 * GiB, 1), devices)!.Gpus);
        Assert.Null(GpuPlacement.FirstFit(new ResourceRequest(3, 0, 1), devices));
    }

    [Fact]
    public void Ten_tenths_fill_a_device_exactly_and_an_eleventh_does_not_fit()
    {
        var tenth = new ResourceRequest(0.1, GiB, 1);
        var free = Worker(GpuCapacity.Idle(0, 10 * GiB));
        for (var i = 0; i < 10; i++)
        {
            Assert.True(tenth.FitsIn(free), $"tenth {i + 1} should fit, free {free.GpuDevices[0]}");
            free = free.Minus(tenth, GpuPlacement.FirstFit(tenth, free.FreeGpus())!);
        }

        Assert.False(tenth.FitsIn(free));
        Assert.Equal(0, free.GpuDevices[0].FreeMemoryBytes);
    }

    [Fact]
    public void Memory_bounds_a_device_before_its_share_does()
    {
        var request = new ResourceRequest(0.25, 30 * GiB, 1);
        var free = Worker(GpuCapacity.Idle(0, 80 * GiB));
        free = free.Minus(request, new DevicePlacement([0]));
        free = free.Minus(request, new DevicePlacement([0]));

        Assert.Equal((0.5, 20 * GiB), (free.GpuDevices[0].Free, free.GpuDevices[0].FreeMemoryBytes));
        Assert.False(request.FitsIn(free));
        Assert.True((request with { GpuMemoryBytes = 20 * GiB }).FitsIn(free));
    }

    [Fact]
    public void A_worker_that_lists_no_devices_is_counted_in_whole_idle_gpus_as_before()
    {
        var old = new WorkerResources(DeviceKind.Cuda, 2, 24 * GiB, 8, 2);

        Assert.True(new ResourceRequest(2, 24 * GiB, 1).FitsIn(old));
        Assert.False(new ResourceRequest(1, 32 * GiB, 1).FitsIn(old));
        Assert.True(new ResourceRequest(0.5, 8 * GiB, 1).FitsIn(old));
        Assert.False(new ResourceRequest(0.5, 0, 1).FitsIn(old with { Gpus = 0 }));
        Assert.False(ResourceRequest.OneCpu.FitsIn(old with { TrialSlots = 0 }));
    }
}
