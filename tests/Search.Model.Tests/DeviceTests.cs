using NinSearch.Model.Devices;
using TorchSharp;

namespace NinSearch.Model.Tests;

public sealed class DeviceTests
{
    [Fact]
    public void Cpu_and_auto_resolve_and_unknown_names_are_refused()
    {
        Assert.Equal(DeviceType.CPU, ComputeDevice.Resolve("cpu").type);
        var auto = ComputeDevice.Resolve("auto");
        Assert.Equal(ComputeDevice.CudaAvailable() ? DeviceType.CUDA : DeviceType.CPU, auto.type);
        Assert.Contains("unknown device", Assert.Throws<ArgumentException>(() => ComputeDevice.Resolve("gpu")).Message);
        Assert.Throws<ArgumentException>(() => ComputeDevice.Resolve("cuda:x"));
    }

    [Fact]
    public void Cuda_without_a_gpu_is_refused_clearly()
    {
        if (ComputeDevice.CudaAvailable()) return; // on a GPU machine there is nothing to refuse
        Assert.Contains("CUDA is not available", Assert.Throws<ArgumentException>(() => ComputeDevice.Resolve("cuda")).Message);
    }
}
