namespace NinSearch.Abstractions;

/// <summary>The campaign's answer to an epoch report.</summary>
public enum EpochDecision
{
    /// <summary>Train the next epoch.</summary>
    Continue = 0,

    /// <summary>Stop now (pruned by the scheduler, or the campaign's budget or state ended it); then call <c>CompleteAsync</c>.</summary>
    Stop = 1,

    /// <summary>The lease is no longer valid (expired, re-leased or the trial ended): abandon the trial and report nothing more.</summary>
    LeaseLost = 2,
}
