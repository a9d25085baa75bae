using NinSearch.Spec;
using NinSearch.Store;
using NinSearch.Store.Entities;

namespace NinSearch.Bench.Soak;

/// <summary>
/// After the run, what the store holds against what the workers were told. A lease granted twice shows as a trial
/// granted to two workers, a second attempt, or an epoch stored twice; a lost one as a lease answered LeaseLost, a
/// refused completion, an expired lease, or a granted trial that did not end Complete or Pruned by its worker.
/// </summary>
internal sealed record SoakChecks(
    int TrialsStored, int TrialsGranted, int GrantedTwice, int SecondAttempts, int FailedAttempts, int LeaseExpiries,
    long EpochRows, long EpochsAccepted, int DuplicatedEpochs, long LeasesLost, long CompletionsRefused, int GrantedNotEnded, int StoredNotGranted)
{
    public bool NoneGrantedTwice => GrantedTwice == 0 && SecondAttempts == 0 && DuplicatedEpochs == 0;

    public bool NoneLost => LeasesLost == 0 && CompletionsRefused == 0 && LeaseExpiries == 0 && GrantedNotEnded == 0 && StoredNotGranted == 0
        && FailedAttempts == 0 && EpochRows == EpochsAccepted;

    public static async Task<SoakChecks> RunAsync(ICampaignStore store, IReadOnlyList<string> campaigns, Ledger ledger, CancellationToken ct)
    {
        var trials = new List<Trial>();
        var epochs = new List<EpochMetric>();
        var expiries = 0;
        foreach (var campaign in campaigns)
        {
            trials.AddRange(await store.GetTrialsAsync(campaign, cancellationToken: ct));
            epochs.AddRange(await store.GetCampaignEpochsAsync(campaign, ct));
            expiries += (await store.GetEventsAsync(campaign, limit: 1_000_000, cancellationToken: ct)).Count(e => e.Kind == CampaignEventKind.LeaseExpired);
        }
        var byId = trials.ToDictionary(t => t.Id);
        var endedByWorker = ledger.Grants.Keys.Count(id => ledger.Completed.TryGetValue(id, out var accepted) && accepted
            && byId.TryGetValue(id, out var t) && t.Status is TrialStatus.Complete or TrialStatus.Pruned);
        var duplicated = epochs.GroupBy(e => (e.TrialId, e.Epoch)).Count(g => g.Count() > 1);
        return new SoakChecks(
            TrialsStored: trials.Count,
            TrialsGranted: ledger.Grants.Count,
            GrantedTwice: ledger.Grants.Count(g => g.Value.Count > 1),
            SecondAttempts: trials.Count(t => t.Attempt > 1),
            FailedAttempts: trials.Count(t => t.FailedAttempts > 0),
            LeaseExpiries: expiries,
            EpochRows: epochs.Count,
            EpochsAccepted: ledger.AcceptedReports,
            DuplicatedEpochs: duplicated,
            LeasesLost: ledger.Lost,
            CompletionsRefused: ledger.RefusedCompletions,
            GrantedNotEnded: ledger.Grants.Count - endedByWorker,
            StoredNotGranted: trials.Count(t => !ledger.Grants.ContainsKey(t.Id)));
    }
}
