using Microsoft.Extensions.Logging;
using NinSearch.Abstractions;
using NinSearch.Spec;

namespace NinSearch.Worker;

public sealed partial class WorkerService
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Worker {WorkerId} started on {Device} with {Slots} trial slot(s)")]
    private partial void LogStarted(string workerId, DeviceKind device, int slots);

    [LoggerMessage(Level = LogLevel.Information, Message = "Worker {WorkerId} stopped; {Open} trial(s) were running")]
    private partial void LogStopped(string workerId, int open);

    [LoggerMessage(Level = LogLevel.Information, Message = "Trial {TrialId} of {CampaignId} started (attempt {Attempt}, resume from epoch {ResumeFrom})")]
    private partial void LogTrialStarted(Guid trialId, string campaignId, int attempt, int? resumeFrom);

    [LoggerMessage(Level = LogLevel.Information, Message = "Trial {TrialId} ended {End} after {Epochs} epoch(s); accepted: {Accepted}")]
    private partial void LogTrialEnded(Guid trialId, TrialStatus end, int epochs, bool accepted);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Trial {TrialId}: lease {LeaseId} lost; abandoning it")]
    private partial void LogLeaseLost(Guid trialId, Guid leaseId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Trial {TrialId} released at epoch {Epoch} for shutdown; accepted: {Released}")]
    private partial void LogReleased(Guid trialId, int epoch, bool released);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Worker call '{Call}' failed")]
    private partial void LogCallFailed(string call, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Trial {TrialId} handed back ({Cause}): {Reason}; accepted: {Released}")]
    private partial void LogHandedBack(Guid trialId, ReleaseCause cause, string reason, bool released);

    [LoggerMessage(Level = LogLevel.Error, Message = "Dataset {Dataset} cannot be loaded on this worker; its campaigns' trials go to other workers: {Reason}")]
    private partial void LogDatasetUnavailable(string dataset, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Trial {TrialId} ran out of memory while sharing its GPU; retrying it alone: {Reason}")]
    private partial void LogRetryingAlone(Guid trialId, string? reason);
}
