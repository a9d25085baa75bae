using NinSearch.Store.Entities;

namespace NinSearch.Store;

/// <summary>Detached copies, so that callers' objects are never tracked or modified by the store.</summary>
internal static class EntityCopies
{
    public static Campaign Copy(this Campaign c) => new()
    {
        Id = c.Id,
        Name = c.Name,
        SpecJson = c.SpecJson,
        Status = c.Status,
        Reason = c.Reason,
        CreatedAt = c.CreatedAt,
        StartedAt = c.StartedAt,
        EndedAt = c.EndedAt,
        TrialsCreated = c.TrialsCreated,
        EpochsUsed = c.EpochsUsed,
        Version = c.Version,
    };

    public static Trial Copy(this Trial t) => new()
    {
        Id = t.Id,
        CampaignId = t.CampaignId,
        Number = t.Number,
        ConfigJson = t.ConfigJson,
        ParamsJson = t.ParamsJson,
        Status = t.Status,
        Reason = t.Reason,
        WorkerId = t.WorkerId,
        LeaseId = t.LeaseId,
        LeaseExpiresAt = t.LeaseExpiresAt,
        Attempt = t.Attempt,
        RequiredGpus = t.RequiredGpus,
        CreatedAt = t.CreatedAt,
        StartedAt = t.StartedAt,
        EndedAt = t.EndedAt,
        Params = t.Params,
        Macs = t.Macs,
        BestValAccuracy = t.BestValAccuracy,
        BestEpoch = t.BestEpoch,
        LastEpoch = t.LastEpoch,
        TestAccuracy = t.TestAccuracy,
        TrainSeconds = t.TrainSeconds,
        LatencyMs = t.LatencyMs,
        InferenceImagesPerSecond = t.InferenceImagesPerSecond,
    };

    public static EpochMetric Copy(this EpochMetric m) => new()
    {
        TrialId = m.TrialId,
        Epoch = m.Epoch,
        TrainLoss = m.TrainLoss,
        TrainAccuracy = m.TrainAccuracy,
        ValLoss = m.ValLoss,
        ValAccuracy = m.ValAccuracy,
        LearningRate = m.LearningRate,
        Seconds = m.Seconds,
        ImagesPerSecond = m.ImagesPerSecond,
        Attempt = m.Attempt,
        ReportedAt = m.ReportedAt,
    };

    public static Worker Copy(this Worker w) => new()
    {
        Id = w.Id,
        Host = w.Host,
        DeviceKind = w.DeviceKind,
        GpuCount = w.GpuCount,
        GpuMemoryMb = w.GpuMemoryMb,
        CpuThreads = w.CpuThreads,
        RegisteredAt = w.RegisteredAt,
        LastHeartbeat = w.LastHeartbeat,
        Status = w.Status,
    };

    public static CampaignEvent Copy(this CampaignEvent e) => new()
    {
        Id = e.Id,
        CampaignId = e.CampaignId,
        At = e.At,
        Kind = e.Kind,
        TrialId = e.TrialId,
        Message = e.Message,
    };
}
