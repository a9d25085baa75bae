using NinSearch.Spec;
using NinSearch.Store.Entities;

namespace NinSearch.Store.Tests.Contract;

public abstract partial class CampaignStoreContract
{
    [Fact]
    public async Task Workers_register_update_their_capabilities_and_heartbeat()
    {
        var id = $"worker-{Guid.NewGuid():N}";
        await Store.UpsertWorkerAsync(new Worker { Id = id, Host = "box", DeviceKind = DeviceKind.Cpu, CpuThreads = 2 });
        var first = Assert.Single(await Store.ListWorkersAsync(), w => w.Id == id);

        await Store.UpsertWorkerAsync(new Worker { Id = id, Host = "box", DeviceKind = DeviceKind.Cuda, GpuCount = 2, GpuMemoryMb = 80_000, CpuThreads = 16 });
        Assert.True(await Store.HeartbeatWorkerAsync(id, T0.AddDays(400), WorkerStatus.Draining));
        Assert.False(await Store.HeartbeatWorkerAsync($"unknown-{Guid.NewGuid():N}", T0));

        var second = Assert.Single(await Store.ListWorkersAsync(WorkerStatus.Draining), w => w.Id == id);
        Assert.Equal((DeviceKind.Cuda, 2, 80_000L, 16), (second.DeviceKind, second.GpuCount, second.GpuMemoryMb, second.CpuThreads));
        Assert.Equal(first.RegisteredAt, second.RegisteredAt);
        Assert.Equal(T0.AddDays(400), second.LastHeartbeat);
        Assert.DoesNotContain(await Store.ListWorkersAsync(WorkerStatus.Online), w => w.Id == id);
    }
}
