using NinSearch.Spec;
using NinSearch.Store.Entities;

namespace NinSearch.Store.Tests.ReadModel;

public abstract partial class CampaignReadModelContract
{
    /// <summary>Bytes of trial 0's final weights in <see cref="ScenarioAsync"/>.</summary>
    protected static readonly byte[] FinalWeights = [1, 2, 3, 4, 5, 6, 7, 8];

    /// <summary>The preprocessing kept beside trial 0's final weights.</summary>
    protected const string Preprocessing = """{"mean":[0.286],"std":[0.353],"classes":10}""";

    /// <summary>
    /// A running campaign of eight trials (number: status, best validation accuracy over its epochs, params, MACs):
    /// <list type="bullet">
    /// <item>0: Complete on w1, 0.60 0.70 | 0.82 over two attempts (released after epoch 2), test 0.81, 30 s, 3,000, 9,000; resume checkpoint at 2, final weights at 3.</item>
    /// <item>1: Pruned on w2, 0.55 0.58, no test accuracy, 12 s, 1,000, 4,000.</item>
    /// <item>2: Failed on w2, 0.40, 5 s, 2,000, 2,000.</item>
    /// <item>3: Running on w1, 0.65 0.88 (1,000 then 1,500 images/s), 5,000, 20,000.</item>
    /// <item>4: Complete on w1, 0.82 0.81 (ties trial 0), test 0.83, 20 s, 1,500, 6,000; second block 96 wide and lr 0.05; final weights at 1.</item>
    /// <item>5: Running on w2, no epoch yet, 4,000, 1,000.</item>
    /// <item>6: Waiting, 2,500, 3,000.</item>
    /// <item>7: Rejected, 9,000, 99,000.</item>
    /// </list>
    /// Workers w1 (CUDA), w2 (CPU) and w3 (offline, idle); events about the campaign, trial 0 (two) and trial 1.
    /// </summary>
    protected async Task<Scenario> ScenarioAsync()
    {
        var campaign = await NewCampaignAsync(DefinitionJson(SearchJson));
        var id = campaign.Id;
        Assert.NotNull(await Store.SaveCampaignStateAsync(id, CampaignStatus.Running, null, 8, 10));
        var (w1, w2, w3) = ($"{id}-w1", $"{id}-w2", $"{id}-w3");
        await Store.UpsertWorkerAsync(new Worker { Id = w1, Host = "gpu-host", DeviceKind = DeviceKind.Cuda, GpuCount = 1, GpuMemoryMb = 24_000, CpuThreads = 8 });
        await Store.UpsertWorkerAsync(new Worker { Id = w2, Host = "cpu-host", DeviceKind = DeviceKind.Cpu, CpuThreads = 2 });
        await Store.UpsertWorkerAsync(new Worker { Id = w3, Host = "old-host", DeviceKind = DeviceKind.Cpu, CpuThreads = 4 });
        Assert.True(await Store.HeartbeatWorkerAsync(w3, T0, WorkerStatus.Offline));

        var trials = new Dictionary<int, Trial>();
        trials[0] = await AddTrialAsync(id, 0, 3000, 9000, """{"lr":0.1,"width":64,"opt":"sgd"}""");
        var lease = await LeaseAsync(trials[0], w1);
        await RecordAsync(trials[0], lease, 1, 0.60);
        await RecordAsync(trials[0], lease, 2, 0.70);
        Assert.True(await Store.SaveCheckpointAsync(trials[0].Id, lease, 2, CheckpointKind.Resume, new byte[] { 9, 9, 9 }));
        Assert.True(await Store.ReleaseLeaseAsync(trials[0].Id, lease));
        lease = await LeaseAsync(trials[0], w1);
        await RecordAsync(trials[0], lease, 3, 0.82);
        Assert.True(await Store.SaveCheckpointAsync(trials[0].Id, lease, 3, CheckpointKind.Final, FinalWeights, Preprocessing));
        await FinishAsync(trials[0], lease, TrialStatus.Complete, 0.81, 30);

        trials[1] = await AddTrialAsync(id, 1, 1000, 4000, """{"lr":0.01,"width":32,"opt":"adam"}""");
        lease = await LeaseAsync(trials[1], w2);
        await RecordAsync(trials[1], lease, 1, 0.55);
        await RecordAsync(trials[1], lease, 2, 0.58);
        await FinishAsync(trials[1], lease, TrialStatus.Pruned, null, 12, "median: below the median at epoch 2");

        trials[2] = await AddTrialAsync(id, 2, 2000, 2000);
        lease = await LeaseAsync(trials[2], w2);
        await RecordAsync(trials[2], lease, 1, 0.40);
        await FinishAsync(trials[2], lease, TrialStatus.Failed, null, 5, "boom");

        trials[3] = await AddTrialAsync(id, 3, 5000, 20000);
        lease = await LeaseAsync(trials[3], w1);
        await RecordAsync(trials[3], lease, 1, 0.65, imagesPerSecond: 1000);
        await RecordAsync(trials[3], lease, 2, 0.88, imagesPerSecond: 1500);

        trials[4] = await AddTrialAsync(id, 4, 1500, 6000, configJson: ConfigJson(secondWidth: 96, learningRate: 0.05));
        lease = await LeaseAsync(trials[4], w1);
        await RecordAsync(trials[4], lease, 1, 0.82);
        await RecordAsync(trials[4], lease, 2, 0.81);
        Assert.True(await Store.SaveCheckpointAsync(trials[4].Id, lease, 1, CheckpointKind.Final, new byte[] { 4 }, null));
        await FinishAsync(trials[4], lease, TrialStatus.Complete, 0.83, 20);

        trials[5] = await AddTrialAsync(id, 5, 4000, 1000);
        await LeaseAsync(trials[5], w2);
        trials[6] = await AddTrialAsync(id, 6, 2500, 3000);
        trials[7] = await AddTrialAsync(id, 7, 9000, 99000, status: TrialStatus.Rejected);

        await Store.AddEventAsync(new CampaignEvent { CampaignId = id, Kind = CampaignEventKind.Started, Message = "started" });
        await Store.AddEventAsync(new CampaignEvent { CampaignId = id, Kind = CampaignEventKind.TrialLeased, TrialId = trials[0].Id, Message = "trial 0 leased" });
        await Store.AddEventAsync(new CampaignEvent { CampaignId = id, Kind = CampaignEventKind.TrialPruned, TrialId = trials[1].Id, Message = "trial 1 pruned" });
        await Store.AddEventAsync(new CampaignEvent { CampaignId = id, Kind = CampaignEventKind.TrialCompleted, TrialId = trials[0].Id, Message = "trial 0 complete" });
        return new Scenario(id, trials, w1, w2, w3);
    }

    /// <summary>The campaign of <see cref="ScenarioAsync"/>: its id, trials by number and workers.</summary>
    protected sealed record Scenario(string CampaignId, IReadOnlyDictionary<int, Trial> Trials, string W1, string W2, string W3);
}
