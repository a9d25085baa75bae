using NinSearch.Abstractions;
using NinSearch.Spec;

namespace NinSearch.Silo.Search;

/// <summary>
/// One campaign's search logic as its grain sees it: a sampler that proposes trials and a scheduler that may stop
/// them early. Nothing of it is saved: on activation the grain rebuilds it from the trial and epoch rows
/// (<see cref="Rebuild"/>), so leases, reports and completions write only their own rows. Trials are named by their
/// number (0, 1, 2, ...).
/// <para>Threading: <see cref="Rebuild"/>, <see cref="OnEpoch"/> and <see cref="Tell"/> are called from the campaign
/// grain, one at a time. <see cref="Next"/> is called on the thread pool (<see cref="CandidateBuffer"/> draws ahead of
/// the leases), one call at a time and in number order, and may run while the grain calls <see cref="OnEpoch"/> or
/// <see cref="Tell"/>: what it shares with them must be safe for that (the Core samplers and schedulers lock).</para>
/// </summary>
public interface ICampaignSearch
{
    /// <summary>Proposes trial <paramref name="trialNumber"/>, which is then pending until <see cref="Tell"/>.</summary>
    Candidate Next(int trialNumber);

    /// <summary>Records one epoch of a running trial and decides whether it goes on (Continue, Promote or Stop, with why).</summary>
    EpochReply OnEpoch(int trialNumber, int epoch, double validationAccuracy);

    /// <summary>Records how a trial ended (<see cref="TrialStatus.Complete"/>, Pruned, Failed or Rejected).</summary>
    void Tell(int trialNumber, TrialStatus status, double? bestValidationAccuracy, int epochs);

    /// <summary>
    /// Replays what the store recorded into a fresh search (before any other call): every trial is known to the
    /// sampler, every recorded epoch and ending is replayed into the scheduler in the order it happened.
    /// </summary>
    void Rebuild(SearchHistory history);
}
