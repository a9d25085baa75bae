using System.Text.Json;
using NinSearch.Spec;

namespace NinSearch.Core.Schedulers;

/// <summary>
/// Locking, per-trial bookkeeping (duplicate and late reports, stopped and completed trials) and state for the
/// schedulers; an algorithm supplies <see cref="Decide(long, int, int, double)"/>. See <see cref="IScheduler"/> for the contract.
/// </summary>
public abstract class SchedulerBase : IScheduler
{
    private readonly object _gate = new();
    private Dictionary<long, TrialRecord> _trials = [];

    private protected SchedulerBase(SchedulerOptions? options, IReadOnlyList<Pareto.Objective>? objectives = null)
    {
        Options = options ?? SchedulerOptions.Default;
        Options.Validate();
        if (objectives is not null) Pareto.Objective.Validate(objectives, nameof(objectives));
        Objectives = objectives is { Count: > 1 } ? [.. objectives] : null;
    }

    public abstract SchedulerKind Kind { get; }

    protected SchedulerOptions Options { get; }

    /// <summary>The campaign's objectives when it has two or more, else null (one objective is the same as none).</summary>
    public IReadOnlyList<Pareto.Objective>? Objectives { get; }

    public EpochDecision OnReport(long trialId, int epoch, double metric) => Report(trialId, epoch, metric, null);

    public EpochDecision OnReport(long trialId, int epoch, IReadOnlyList<double> objectives)
    {
        ArgumentNullException.ThrowIfNull(objectives);
        if (objectives.Count == 0) throw new ArgumentException("no objective values", nameof(objectives));
        return Report(trialId, epoch, objectives[0], objectives);
    }

    private EpochDecision Report(long trialId, int epoch, double metric, IReadOnlyList<double>? objectives)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(epoch, 1);
        // A diverged trial (NaN loss → NaN accuracy) ranks last rather than poisoning comparisons.
        if (double.IsNaN(metric)) metric = double.NegativeInfinity;
        CheckReport(objectives);
        lock (_gate)
        {
            if (!_trials.TryGetValue(trialId, out var trial))
                _trials[trialId] = trial = new TrialRecord { Arrival = _trials.Count };
            if (trial.Stopped || trial.Completed) return EpochDecision.Stop;
            if (epoch <= trial.LastEpoch) return trial.Decisions.GetValueOrDefault(epoch, EpochDecision.Continue);
            trial.LastEpoch = epoch;
            var decision = objectives is null ? Decide(trialId, trial.Arrival, epoch, metric) : Decide(trialId, trial.Arrival, epoch, metric, objectives);
            if (decision != EpochDecision.Continue) trial.Decisions[epoch] = decision;
            if (decision == EpochDecision.Stop) trial.Stopped = true;
            return decision;
        }
    }

    public void OnComplete(long trialId)
    {
        lock (_gate)
        {
            if (!_trials.TryGetValue(trialId, out var trial))
                _trials[trialId] = trial = new TrialRecord { Arrival = _trials.Count };
            trial.Completed = true;
            Completed(trialId);
        }
    }

    public string SaveState()
    {
        lock (_gate)
        {
            var extra = SaveExtra();
            return StateJson.Serialize(new StateDto
            {
                Kind = Kind,
                Trials = [.. _trials.Select(p => p.Value with { Id = p.Key })],
                Extra = extra is null ? null : JsonSerializer.SerializeToElement(extra, extra.GetType(), StateJson.Options),
            });
        }
    }

    public void RestoreState(string json)
    {
        var dto = StateJson.Deserialize<StateDto>(json, "scheduler");
        if (dto.Kind != Kind) throw new ArgumentException($"the state is a {dto.Kind} scheduler's, not a {Kind} scheduler's", nameof(json));
        lock (_gate)
        {
            _trials = dto.Trials.ToDictionary(t => t.Id);
            RestoreExtra(dto.Extra);
        }
    }

    /// <summary>The decision for a new report (epoch after the trial's last). <paramref name="arrival"/> numbers trials 0, 1, … in order of first sighting. Called under the lock.</summary>
    private protected abstract EpochDecision Decide(long trialId, int arrival, int epoch, double metric);

    /// <summary>
    /// The decision for a new report of every objective; by default the one for the first objective alone. Called under the lock.
    /// </summary>
    private protected virtual EpochDecision Decide(long trialId, int arrival, int epoch, double metric, IReadOnlyList<double> objectives) =>
        Decide(trialId, arrival, epoch, metric);

    /// <summary>Throws when a report lacks what the algorithm ranks by (outside the lock, before any state changes).</summary>
    private protected virtual void CheckReport(IReadOnlyList<double>? objectives)
    {
    }

    /// <summary>Called under the lock when a trial completes.</summary>
    private protected virtual void Completed(long trialId)
    {
    }

    private protected virtual object? SaveExtra() => null;

    private protected virtual void RestoreExtra(JsonElement? extra)
    {
    }

    internal sealed record TrialRecord
    {
        public long Id { get; init; }
        public int Arrival { get; set; }
        public int LastEpoch { get; set; }
        public bool Stopped { get; set; }
        public bool Completed { get; set; }
        public Dictionary<int, EpochDecision> Decisions { get; set; } = [];
    }

    private sealed class StateDto
    {
        public int Version { get; set; } = 1;
        public SchedulerKind Kind { get; set; }
        public List<TrialRecord> Trials { get; set; } = [];
        public JsonElement? Extra { get; set; }
    }
}
