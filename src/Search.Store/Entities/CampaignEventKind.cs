namespace NinSearch.Store.Entities;

/// <summary>What a <see cref="CampaignEvent"/> records. Stored as its name (text); new members may be appended.</summary>
public enum CampaignEventKind
{
    /// <summary>Free-form information.</summary>
    Info = 0,

    /// <summary>Something unexpected that the campaign survived.</summary>
    Warning = 1,

    /// <summary>The campaign was created.</summary>
    Created = 2,

    /// <summary>The campaign started running.</summary>
    Started = 3,

    /// <summary>The campaign completed.</summary>
    Completed = 4,

    /// <summary>The campaign was cancelled.</summary>
    Cancelled = 5,

    /// <summary>The campaign failed.</summary>
    Failed = 6,

    /// <summary>A trial was sampled.</summary>
    TrialCreated = 7,

    /// <summary>A trial broke a constraint and was rejected before training.</summary>
    TrialRejected = 8,

    /// <summary>A worker leased a trial.</summary>
    TrialLeased = 9,

    /// <summary>A worker released its lease (e.g. on SIGTERM).</summary>
    TrialReleased = 10,

    /// <summary>A lease expired and the trial went back to waiting.</summary>
    LeaseExpired = 11,

    /// <summary>A trial completed.</summary>
    TrialCompleted = 12,

    /// <summary>The scheduler stopped a trial early.</summary>
    TrialPruned = 13,

    /// <summary>A trial failed.</summary>
    TrialFailed = 14,

    /// <summary>A worker registered.</summary>
    WorkerJoined = 15,

    /// <summary>A worker missed its heartbeats or left.</summary>
    WorkerLost = 16,
}
