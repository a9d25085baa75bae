using System.Text.Json;
using NinSearch.Core.Spaces;
using NinSearch.Spec;

namespace NinSearch.Core.Samplers;

/// <summary>
/// History, duplicate guard, locking and state for all samplers; an algorithm supplies <see cref="Propose"/>.
/// See <see cref="ISampler"/> for the contract.
/// </summary>
public abstract class SamplerBase : ISampler
{
    private const int ProposalAttempts = 64;
    private const int FallbackAttempts = 512;

    private readonly object _gate = new();
    private readonly List<SamplerTrial> _history = [];
    private readonly Dictionary<long, SamplerTrial> _byId = [];
    // The duplicate guard's index, kept as trials change so a suggestion costs the same at 10,000 trials as at 100:
    // pending trials (checked for near-duplicates, in order) and how many finished trials have each exact point.
    private readonly List<SamplerTrial> _pending = [];
    private readonly Dictionary<double?[], int> _finished = new(EncodedPointComparer.Instance);
    private int _scored;
    private long _nextOrder;

    private protected SamplerBase(SearchSpace space, long seed, SamplerOptions? options, IReadOnlyList<Pareto.Objective>? objectives = null)
    {
        Space = space ?? throw new ArgumentNullException(nameof(space));
        Options = options ?? SamplerOptions.Default;
        Options.Validate();
        if (objectives is not null) Pareto.Objective.Validate(objectives, nameof(objectives));
        Objectives = objectives is { Count: > 1 } ? [.. objectives] : null;
        Seed = seed;
        Rng = new DeterministicRandom(seed);
    }

    public abstract SamplerKind Kind { get; }

    public SearchSpace Space { get; }

    public long Seed { get; }

    protected SamplerOptions Options { get; }

    /// <summary>
    /// The campaign's objectives when it has two or more (told through <see cref="TrialOutcome.Objectives"/>), else
    /// null: one objective in the list is the same as none.
    /// </summary>
    public IReadOnlyList<Pareto.Objective>? Objectives { get; }

    private protected bool IsMultiObjective => Objectives is not null;

    private protected DeterministicRandom Rng { get; private set; }

    /// <summary>The history in order (warm-started trials first if warm-started first); read under the lock only.</summary>
    private protected IReadOnlyList<SamplerTrial> History => _history;

    /// <summary>Pending (Running) trials in history order; read under the lock only.</summary>
    private protected IReadOnlyList<SamplerTrial> Pending => _pending;

    /// <summary>Trials with an objective to rank (<see cref="SamplerTrial.IsScored"/>); read under the lock only.</summary>
    private protected int ScoredCount => _scored;

    /// <summary>Whether the sampler may fall back to prior samples when its own proposals are all duplicates.</summary>
    private protected virtual bool AllowsFallback => true;

    public int PendingCount
    {
        get { lock (_gate) return _pending.Count; }
    }

    public Configuration Suggest(long trialId)
    {
        lock (_gate)
        {
            if (_byId.ContainsKey(trialId)) throw new InvalidOperationException($"trial {trialId} is already known to the sampler");
            // Each trial draws from its own stream: a sampler rebuilt from stored trials suggests what the original would.
            Rng = DeterministicRandom.Derive(Seed, trialId);
            var x = ProposeUnique();
            Add(new SamplerTrial { Id = trialId, X = x, State = TrialStatus.Running, Order = _nextOrder++ });
            return Space.Decode(x);
        }
    }

    public void Register(long trialId, Configuration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        lock (_gate)
        {
            if (_byId.ContainsKey(trialId)) throw new InvalidOperationException($"trial {trialId} is already known to the sampler");
            Add(new SamplerTrial { Id = trialId, X = Space.Encode(configuration), State = TrialStatus.Running, Order = _nextOrder++ });
        }
    }

    public void Tell(long trialId, TrialOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        lock (_gate)
        {
            if (!_byId.TryGetValue(trialId, out var trial)) throw new InvalidOperationException($"trial {trialId} is not known to the sampler");
            Unindex(trial);
            Apply(trial, outcome);
            Index(trial);
            OnTold(trial);
        }
    }

    public void Resynchronize()
    {
        lock (_gate) OnResynchronize(_history.Count(t => t.Id is not null));
    }

    public void WarmStart(IEnumerable<ObservedTrial> trials)
    {
        ArgumentNullException.ThrowIfNull(trials);
        lock (_gate)
        {
            foreach (var observed in trials)
            {
                var trial = new SamplerTrial { X = Space.Encode(observed.Configuration), Order = _nextOrder++ };
                Apply(trial, observed.Outcome);
                if (trial.State == TrialStatus.Running) trial.State = TrialStatus.Failed; // an old campaign's running trial will never report here
                Add(trial);
                OnTold(trial);
            }
        }
    }

    public string SaveState()
    {
        lock (_gate)
        {
            var extra = SaveExtra();
            return StateJson.Serialize(new SamplerStateDto
            {
                Kind = Kind,
                Space = Space.Fingerprint,
                Seed = Seed,
                Rng = Rng.State,
                NextOrder = _nextOrder,
                Trials = [.. _history.Select(t => new SamplerStateDto.TrialDto { Id = t.Id, X = t.X, State = t.State, Objective = t.Objective, Epochs = t.Epochs, Curve = t.Curve, Values = t.Values, Order = t.Order })],
                Extra = extra is null ? null : JsonSerializer.SerializeToElement(extra, extra.GetType(), StateJson.Options),
            });
        }
    }

    public void RestoreState(string json)
    {
        var dto = StateJson.Deserialize<SamplerStateDto>(json, "sampler");
        if (dto.Kind != Kind) throw new ArgumentException($"the state is a {dto.Kind} sampler's, not a {Kind} sampler's", nameof(json));
        if (dto.Space != Space.Fingerprint) throw new ArgumentException($"the state belongs to another search space ({dto.Space}, this one is {Space.Fingerprint})", nameof(json));
        if (dto.Seed != Seed) throw new ArgumentException($"the state was saved with seed {dto.Seed}, this sampler has seed {Seed}", nameof(json));
        if (dto.Trials.Any(t => t.X.Length != Space.Count)) throw new ArgumentException("a saved trial does not match the space's dimensions", nameof(json));
        lock (_gate)
        {
            _history.Clear();
            _byId.Clear();
            _pending.Clear();
            _finished.Clear();
            _scored = 0;
            OnIndexCleared();
            foreach (var t in dto.Trials)
                Add(new SamplerTrial { Id = t.Id, X = t.X, State = t.State, Objective = t.Objective, Epochs = t.Epochs, Curve = t.Curve, Values = t.Values, Order = t.Order });
            _nextOrder = dto.NextOrder;
            Rng = DeterministicRandom.FromState(dto.Rng);
            RestoreExtra(dto.Extra);
        }
    }

    /// <summary>A proposal (encoded, inactive entries null), or null when the algorithm has nothing left. Called under the lock.</summary>
    private protected abstract double?[]? Propose(int attempt);

    /// <summary>
    /// Called under the lock when a trial enters the sampler's indexes: when it is added, and again after each new
    /// outcome (preceded by <see cref="OnUnindexed"/> with its earlier state). Algorithms keep incremental structures
    /// here instead of recomputing them from the whole history per suggestion.
    /// </summary>
    private protected virtual void OnIndexed(SamplerTrial trial)
    {
    }

    /// <summary>Called under the lock just before a trial's outcome changes, while it still has its earlier state.</summary>
    private protected virtual void OnUnindexed(SamplerTrial trial)
    {
    }

    /// <summary>Called under the lock when the history is replaced (<see cref="RestoreState"/>), before the trials are added again.</summary>
    private protected virtual void OnIndexCleared()
    {
    }

    /// <summary>Called under the lock after an outcome is recorded (also for warm-started trials).</summary>
    private protected virtual void OnTold(SamplerTrial trial)
    {
    }

    /// <summary>
    /// Brings counters that proposals advance in line with a history of <paramref name="ownTrials"/> trials that was
    /// registered rather than suggested (see <see cref="ISampler.Resynchronize"/>). Called under the lock.
    /// </summary>
    private protected virtual void OnResynchronize(int ownTrials)
    {
    }

    /// <summary>Algorithm state to save (a JSON-serializable object), or null.</summary>
    private protected virtual object? SaveExtra() => null;

    private protected virtual void RestoreExtra(JsonElement? extra)
    {
    }

    /// <summary>
    /// Whether a candidate would pass the duplicate guard (not a near-duplicate of a pending trial, nor a finished
    /// trial's exact repeat); model-based samplers prefer their best available candidate to a fall-back draw. Called under the lock.
    /// </summary>
    private protected bool IsAvailable(double?[] x) => !IsTaken(x, exactFinished: true);

    /// <summary>Whether any trial, pending or finished, has exactly this point. Called under the lock.</summary>
    private protected bool IsKnown(double?[] x) => _finished.ContainsKey(x) || _pending.Exists(t => SpaceOps.Same(x, t.X));

    private protected SamplerTrial TrialByOrder(long order) => _history.First(t => t.Order == order);

    private double?[] ProposeUnique()
    {
        for (var attempt = 0; attempt < ProposalAttempts; attempt++)
        {
            var x = Propose(attempt) ?? throw new SamplerExhaustedException($"the {Kind} sampler has no configuration left");
            if (!IsTaken(x, exactFinished: true)) return x;
        }
        if (!AllowsFallback) throw new SamplerExhaustedException($"the {Kind} sampler only proposes configurations that are already taken");
        for (var attempt = 0; attempt < FallbackAttempts; attempt++)
        {
            var x = SpaceOps.SampleUniform(Space, Rng);
            if (!IsTaken(x, exactFinished: true)) return x;
        }
        // A small discrete space may be fully explored: repeat a finished trial rather than stall, but never a pending one.
        for (var attempt = 0; attempt < FallbackAttempts; attempt++)
        {
            var x = SpaceOps.SampleUniform(Space, Rng);
            if (!IsTaken(x, exactFinished: false)) return x;
        }
        throw new SamplerExhaustedException($"every configuration of the space is pending; {PendingCountUnlocked()} trials are running");
    }

    private bool IsTaken(double?[] x, bool exactFinished)
    {
        foreach (var t in _pending)
            if (SpaceOps.NearDuplicate(Space, x, t.X, Options.NearDuplicateTolerance)) return true;
        return exactFinished && _finished.ContainsKey(x);
    }

    private int PendingCountUnlocked() => _pending.Count;

    private void Add(SamplerTrial trial)
    {
        _history.Add(trial);
        if (trial.Id is { } id) _byId[id] = trial;
        Index(trial);
    }

    private void Index(SamplerTrial trial)
    {
        if (trial.State == TrialStatus.Running)
        {
            // Trials arrive in order; one told Running again (rare) goes back to its place.
            var at = _pending.Count == 0 || _pending[^1].Order < trial.Order ? _pending.Count : _pending.FindIndex(t => t.Order > trial.Order);
            _pending.Insert(at, trial);
        }
        else
        {
            _finished[trial.X] = _finished.GetValueOrDefault(trial.X) + 1;
        }
        if (trial.IsScored) _scored++;
        OnIndexed(trial);
    }

    private void Unindex(SamplerTrial trial)
    {
        OnUnindexed(trial);
        if (trial.IsScored) _scored--;
        if (trial.State == TrialStatus.Running)
        {
            _pending.Remove(trial);
        }
        else if (_finished.TryGetValue(trial.X, out var count))
        {
            if (count > 1) _finished[trial.X] = count - 1;
            else _finished.Remove(trial.X);
        }
    }

    private static void Apply(SamplerTrial trial, TrialOutcome outcome)
    {
        var scored = outcome.IsScored;
        trial.State = outcome.State is TrialStatus.Complete or TrialStatus.Pruned && !scored ? TrialStatus.Failed : outcome.State;
        trial.Objective = scored ? outcome.Objective : null;
        trial.Epochs = outcome.Epochs;
        trial.Curve = scored && outcome.Curve is { Count: > 0 } curve ? [.. curve.Take(Math.Max(0, outcome.Epochs))] : null;
        trial.Values = scored && outcome.Objectives is { Count: > 0 } values ? [.. values] : null;
    }
}
