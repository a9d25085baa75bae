using Microsoft.Extensions.Logging;
using NinSearch.Spec;
using NinSearch.Store.Entities;

namespace NinSearch.Silo.Coordination;

public sealed partial class CampaignCoordinator
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Campaign {CampaignId} started: {Name}")]
    private partial void LogStarted(string campaignId, string name);

    [LoggerMessage(Level = LogLevel.Information, Message = "Campaign {CampaignId} reactivated from the store with {Trials} trial(s)")]
    private partial void LogReactivated(string campaignId, int trials);

    [LoggerMessage(Level = LogLevel.Information, Message = "Campaign {CampaignId} ended {Status}: {Reason}")]
    private partial void LogEnded(string campaignId, CampaignStatus status, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Campaign {CampaignId}: trial {Number} lease of worker {WorkerId} expired; it waits to resume")]
    private partial void LogLeaseExpired(string campaignId, int number, string? workerId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Campaign {CampaignId}: trial {Number} lease of worker {WorkerId} expired; worker {NewWorkerId} takes it over")]
    private partial void LogLeaseTakenOver(string campaignId, int number, string? workerId, string newWorkerId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Campaign {CampaignId}: the stored row changed under this activation (now {Status}); reloaded")]
    private partial void LogStaleCampaignRow(string campaignId, CampaignStatus status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Campaign {CampaignId}: trial {Number} given up: {Reason}")]
    private partial void LogTrialGivenUp(string campaignId, int number, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Campaign {CampaignId}: the write of trial {Number} failed ambiguously and the store has the row; adopted")]
    private partial void LogAdoptedTrial(string campaignId, int number);

    [LoggerMessage(Level = LogLevel.Error, Message = "Campaign {CampaignId}: the write of trial {Number} failed ambiguously and the store could not be read; this activation retires")]
    private partial void LogAmbiguousWriteUnresolved(string campaignId, int number, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Campaign {CampaignId}: worker {WorkerId} cannot load dataset {Dataset}: {Reason}")]
    private partial void LogDatasetUnavailable(string campaignId, string? workerId, string dataset, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Campaign {CampaignId}: a write of trial {TrialId} failed ambiguously and the store could not be read; this activation retires")]
    private partial void LogAmbiguousTrialWrite(string campaignId, Guid trialId, Exception exception);
}
