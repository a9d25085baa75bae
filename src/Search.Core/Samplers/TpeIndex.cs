using NinSearch.Spec;

namespace NinSearch.Core.Samplers;

/// <summary>
/// What <see cref="TpeSplit"/> needs of a history, kept up to date as trials are added and told instead of being
/// recomputed per suggestion: how many scored trials reached each epoch count (to choose the fidelity), and for each
/// fidelity used so far the scored trials that reached it, ranked best first. With it a split costs
/// O(log n + <see cref="SamplerOptions.MaxGood"/> + <see cref="SamplerOptions.MaxBad"/>) once the bad group is
/// capped, where <see cref="TpeSplit.Create(IReadOnlyList{SamplerTrial}, SamplerOptions)"/> sorts the whole history.
/// <para>The owner calls <see cref="Add"/> when a trial enters the history or after its outcome changes, and
/// <see cref="Remove"/> just before it changes (while its values are still the ones it was ranked by). Not
/// thread-safe; the sampler's lock guards it.</para>
/// </summary>
internal sealed class TpeIndex
{
    // Scored trials per epoch count, highest first.
    private readonly SortedDictionary<int, int> _scoredByEpochs = new(Comparer<int>.Create((a, b) => b.CompareTo(a)));
    private readonly Dictionary<int, SortedSet<SamplerTrial>> _rankings = [];
    private int _scored;
    private int _unscoredFinished;

    /// <summary>Scored trials (<see cref="SamplerTrial.IsScored"/>).</summary>
    public int Scored => _scored;

    /// <summary>Trials neither pending nor scored: failed, rejected.</summary>
    public int UnscoredFinished => _unscoredFinished;

    public void Add(SamplerTrial trial)
    {
        if (trial.IsScored)
        {
            _scored++;
            _scoredByEpochs[trial.Epochs] = _scoredByEpochs.GetValueOrDefault(trial.Epochs) + 1;
            foreach (var (fidelity, ranking) in _rankings)
                if (trial.Epochs >= fidelity) ranking.Add(trial);
        }
        else if (trial.State != TrialStatus.Running)
        {
            _unscoredFinished++;
        }
    }

    public void Remove(SamplerTrial trial)
    {
        if (trial.IsScored)
        {
            _scored--;
            var left = _scoredByEpochs[trial.Epochs] - 1;
            if (left == 0) _scoredByEpochs.Remove(trial.Epochs);
            else _scoredByEpochs[trial.Epochs] = left;
            foreach (var (fidelity, ranking) in _rankings)
                if (trial.Epochs >= fidelity) ranking.Remove(trial);
        }
        else if (trial.State != TrialStatus.Running)
        {
            _unscoredFinished--;
        }
    }

    public void Clear()
    {
        _scoredByEpochs.Clear();
        _rankings.Clear();
        _scored = 0;
        _unscoredFinished = 0;
    }

    /// <summary>As <see cref="TpeSplit.ChooseFidelity"/>: the highest epoch count reached by enough scored trials, else the lowest one (0 when none).</summary>
    public int ChooseFidelity(int minTrials)
    {
        var reached = 0;
        var lowest = 0;
        foreach (var (epochs, count) in _scoredByEpochs)
        {
            reached += count;
            if (reached >= minTrials) return epochs;
            lowest = epochs;
        }
        return lowest;
    }

    /// <summary>
    /// The scored trials that reached <paramref name="fidelity"/> epochs, by their value there (best first, then by
    /// order). Built from <paramref name="history"/> the first time a fidelity is asked for, then kept up to date.
    /// </summary>
    public SortedSet<SamplerTrial> RankingAt(int fidelity, IReadOnlyList<SamplerTrial> history)
    {
        if (_rankings.TryGetValue(fidelity, out var ranking)) return ranking;
        ranking = new SortedSet<SamplerTrial>(new BestAt(fidelity));
        foreach (var trial in history)
            if (trial.IsScored && trial.Epochs >= fidelity) ranking.Add(trial);
        return _rankings[fidelity] = ranking;
    }

    /// <summary>Higher value at the fidelity first, then earlier order (the order is unique, so no two trials tie).</summary>
    private sealed class BestAt(int fidelity) : IComparer<SamplerTrial>
    {
        public int Compare(SamplerTrial? a, SamplerTrial? b)
        {
            if (ReferenceEquals(a, b)) return 0;
            var c = b!.ValueAt(fidelity)!.Value.CompareTo(a!.ValueAt(fidelity)!.Value);
            return c != 0 ? c : a.Order.CompareTo(b.Order);
        }
    }
}
