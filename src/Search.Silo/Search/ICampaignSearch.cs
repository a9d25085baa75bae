using NinSearch.Abstractions;
using NinSearch.Spec;

namespace NinSearch.Silo.Search;

/// <summary>
/// One campaign's search logic as its grain sees it: a sampler that proposes trials and a scheduler that may stop
/// them early, with their state saved as text in the campaign row. Trials are named by their number (0, 1, 2, ...).
/// Called only from the campaign grain, one call at a time; implementations need not be thread-safe.
/// </summary>
public interface ICampaignSearch
{
    /// <summary>Proposes trial <paramref name="trialNumber"/>, which is then pending until <see cref="Tell"/>.</summary>
    Candidate Next(int trialNumber);

    /// <summary>Records one epoch of a running trial and decides whether it goes on (Continue, Promote or Stop, with why).</summary>
    EpochReply OnEpoch(int trialNumber, int epoch, double validationAccuracy);

    /// <summary>Whether epoch reports change the saved state (the scheduler's rungs), so the campaign row must follow them.</summary>
    bool ReportsChangeState { get; }

    /// <summary>Records how a trial ended (<see cref="TrialStatus.Complete"/>, Pruned, Failed or Rejected).</summary>
    void Tell(int trialNumber, TrialStatus status, double? bestValidationAccuracy, int epochs);

    /// <summary>Whether the search keeps state that must be saved when a trial is created or ends (false: it never changes).</summary>
    bool KeepsState { get; }

    /// <summary>The sampler's state to save, or null when it keeps none.</summary>
    string? SamplerState { get; }

    /// <summary>The scheduler's state to save, or null when it keeps none.</summary>
    string? SchedulerState { get; }
}
