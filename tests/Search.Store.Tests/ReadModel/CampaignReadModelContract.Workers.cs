using NinSearch.Spec;
using NinSearch.Store.Entities;
using NinSearch.Store.ReadModel;

namespace NinSearch.Store.Tests.ReadModel;

public abstract partial class CampaignReadModelContract
{
    [Fact]
    public async Task Workers_show_their_running_trials_and_the_throughput_of_their_latest_epochs()
    {
        var s = await ScenarioAsync();

        var workers = (await ReadModel.ListWorkersAsync()).Where(w => w.Id.StartsWith(s.CampaignId, StringComparison.Ordinal)).ToList();

        Assert.Equal([s.W1, s.W2, s.W3], workers.Select(w => w.Id));
        var gpu = workers[0];
        Assert.Equal(("gpu-host", DeviceKind.Cuda, 1, 24_000L, 8, WorkerStatus.Online), (gpu.Host, gpu.Device, gpu.Gpus, gpu.GpuMemoryMb, gpu.CpuThreads, gpu.Status));
        Assert.Equal([new RunningTrialRef(s.CampaignId, 3, 2)], gpu.Trials);
        Assert.Equal(1500, gpu.ImagesPerSecond);
        Assert.True(gpu.RegisteredAt <= gpu.LastHeartbeat);
        Assert.Equal([new RunningTrialRef(s.CampaignId, 5, 0)], workers[1].Trials);
        Assert.Null(workers[1].ImagesPerSecond);
        Assert.Equal((WorkerStatus.Offline, T0, 0, (double?)null), (workers[2].Status, workers[2].LastHeartbeat, workers[2].Trials.Count, workers[2].ImagesPerSecond));
    }
}
