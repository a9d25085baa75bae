using System.Text.Json;
using NinSearch.Spec;

namespace NinSearch.Core.Schedulers;

/// <summary>
/// Hyperband (Li et al. 2018) as brackets of ASHA: s_max = ⌊log_η(R/r_min)⌋; bracket s ∈ 0…s_max starts its rungs at
/// r_min·η^(s_max−s) (bracket s_max is the most aggressive, bracket 0 never stops a trial) and receives trials in
/// Hyperband's proportions n_s = ⌈(s_max+1)/(s+1)·η^s⌉. A trial's bracket is fixed at its first report by smooth
/// weighted round-robin over those weights, so it depends only on the order in which trials first report.
/// </summary>
public sealed class HyperbandScheduler : SchedulerBase
{
    private State _state;

    public HyperbandScheduler(SchedulerOptions? options = null) : base(options)
    {
        var sMax = 0;
        while ((long)Options.MinEpochs * (long)Math.Pow(Options.Eta, sMax + 1) <= Options.MaxEpochs) sMax++;
        _state = new State
        {
            Brackets = [.. Enumerable.Range(0, sMax + 1).Select(s =>
                AshaBracket.Create(Options.MinEpochs * (int)Math.Pow(Options.Eta, sMax - s), Options.MaxEpochs, Options.Eta))],
            Weights = [.. Enumerable.Range(0, sMax + 1).Select(s => (int)Math.Ceiling((sMax + 1.0) / (s + 1) * Math.Pow(Options.Eta, s)))],
            Current = [.. Enumerable.Range(0, sMax + 1).Select(_ => 0)],
        };
    }

    public override SchedulerKind Kind => SchedulerKind.Hyperband;

    /// <summary>Number of brackets, s_max + 1.</summary>
    public int BracketCount => _state.Brackets.Count;

    /// <summary>The bracket trial <paramref name="trialId"/> was assigned to, or null before its first report.</summary>
    public int? BracketOf(long trialId) => _state.Assigned.TryGetValue(trialId, out var s) ? s : null;

    /// <summary>The rung milestones of bracket <paramref name="s"/>.</summary>
    public IReadOnlyList<int> RungsOf(int s) => _state.Brackets[s].Rungs;

    private protected override EpochDecision Decide(long trialId, int arrival, int epoch, double metric)
    {
        if (!_state.Assigned.TryGetValue(trialId, out var s)) _state.Assigned[trialId] = s = NextBracket();
        return _state.Brackets[s].Report(trialId, epoch, metric);
    }

    // Smooth weighted round-robin (as in nginx): deterministic, and interleaves brackets instead of filling one first.
    private int NextBracket()
    {
        var total = _state.Weights.Sum();
        var best = 0;
        for (var s = 0; s < _state.Weights.Count; s++)
        {
            _state.Current[s] += _state.Weights[s];
            if (_state.Current[s] > _state.Current[best]) best = s;
        }
        _state.Current[best] -= total;
        return best;
    }

    private protected override object? SaveExtra() => _state;

    private protected override void RestoreExtra(JsonElement? extra) =>
        _state = extra?.Deserialize<State>(StateJson.Options) ?? throw new ArgumentException("the Hyperband state has no brackets");

    private sealed class State
    {
        public List<AshaBracket> Brackets { get; set; } = [];
        public List<int> Weights { get; set; } = [];
        public List<int> Current { get; set; } = [];
        public Dictionary<long, int> Assigned { get; set; } = [];
    }
}
