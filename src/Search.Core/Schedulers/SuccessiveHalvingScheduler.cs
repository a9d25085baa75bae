using System.Text.Json;
using NinSearch.Spec;

namespace NinSearch.Core.Schedulers;

/// <summary>
/// Successive halving for pull-based workers, which cannot pause a trial to wait for its whole rung. Trials form
/// cohorts of <see cref="SchedulerOptions.CohortSize"/> n in order of their first report; each cohort is one SH
/// bracket whose rung k admits at most n/η^k trials and promotes at most q_k = max(1, ⌊n/η^(k+1)⌋) of them.
/// A trial at a rung is promoted when it ranks in the top 1/η of its cohort's values there so far and the rung's
/// quota is not used up; otherwise it stops. So a cohort never spends more epochs than synchronous SH would,
/// unlike ASHA, which has no quota.
/// </summary>
public sealed class SuccessiveHalvingScheduler : SchedulerBase
{
    private Dictionary<int, AshaBracket> _cohorts = [];

    public SuccessiveHalvingScheduler(SchedulerOptions? options = null) : base(options)
    {
    }

    public override SchedulerKind Kind => SchedulerKind.SuccessiveHalving;

    private protected override EpochDecision Decide(long trialId, int arrival, int epoch, double metric)
    {
        var cohort = arrival / Options.CohortSize;
        if (!_cohorts.TryGetValue(cohort, out var bracket))
        {
            var rungs = SchedulerOptions.Rungs(Options.MinEpochs, Options.MaxEpochs, Options.Eta);
            var quotas = rungs.Select((_, k) => Math.Max(1, (int)(Options.CohortSize / Math.Pow(Options.Eta, k + 1)))).ToList();
            _cohorts[cohort] = bracket = AshaBracket.Create(Options.MinEpochs, Options.MaxEpochs, Options.Eta, quotas);
        }
        return bracket.Report(trialId, epoch, metric);
    }

    private protected override object? SaveExtra() => _cohorts;

    private protected override void RestoreExtra(JsonElement? extra) =>
        _cohorts = extra?.Deserialize<Dictionary<int, AshaBracket>>(StateJson.Options) ?? [];
}
