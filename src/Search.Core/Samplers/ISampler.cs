using NinSearch.Core.Spaces;

namespace NinSearch.Core.Samplers;

/// <summary>
/// Proposes configurations of a <see cref="SearchSpace"/> while other trials are still running.
/// <para>Contract:</para>
/// <list type="bullet">
/// <item>The sampler keeps its own history: <see cref="Suggest"/> registers the new trial as pending (Running);
/// <see cref="Tell"/> records its outcome; <see cref="Register"/> adds a pending trial created elsewhere.
/// A suggestion is never a near-duplicate (see <see cref="SamplerOptions.NearDuplicateTolerance"/>) of a pending
/// trial, nor an exact duplicate of any known trial while the space has room.</item>
/// <item>Objectives are maximized. Complete trials rank above pruned ones; pruned ones rank by epochs reached, then
/// objective (evolution). TPE instead compares trials at a common epoch, using <see cref="TrialOutcome.Curve"/> when
/// the caller passes the per-epoch metrics (recommended with early stopping).</item>
/// <item>Deterministic: the same seed and the same sequence of calls give the same suggestions.</item>
/// <item><see cref="SaveState"/> returns JSON; <see cref="RestoreState"/> on a sampler of the same kind and space
/// makes every later call behave exactly as on the sampler that was saved.</item>
/// <item>Thread-safe: every member may be called concurrently (calls are serialized by a lock; with concurrent
/// callers the order, and so the suggestions, depend on timing).</item>
/// </list>
/// <example><code>
/// var sampler = SamplerFactory.Create(SamplerKind.Tpe, space, seed: 42);
/// var configuration = sampler.Suggest(trialId);          // pending until told
/// sampler.Tell(trialId, TrialOutcome.Complete(0.931, epochs: 30));
/// string state = sampler.SaveState();                     // store it; later: sampler.RestoreState(state)
/// </code></example>
/// </summary>
public interface ISampler
{
    SamplerKind Kind { get; }

    SearchSpace Space { get; }

    /// <summary>The seed the sampler was created with.</summary>
    long Seed { get; }

    /// <summary>Trials suggested or registered that have no outcome yet.</summary>
    int PendingCount { get; }

    /// <summary>
    /// A new configuration for trial <paramref name="trialId"/> (unique per sampler), registered as pending.
    /// Throws <see cref="SamplerExhaustedException"/> when no new configuration is left, and
    /// <see cref="InvalidOperationException"/> when the id is already known.
    /// </summary>
    Configuration Suggest(long trialId);

    /// <summary>Registers a pending trial whose configuration came from elsewhere (e.g. enqueued by a user).</summary>
    void Register(long trialId, Configuration configuration);

    /// <summary>Records a trial's outcome; a later outcome for the same trial replaces the earlier one.</summary>
    void Tell(long trialId, TrialOutcome outcome);

    /// <summary>
    /// After a sampler is rebuilt from stored trials (<see cref="Register"/> in suggestion order, then <see cref="Tell"/>
    /// in the order the outcomes came), brings the counters that suggestions advance (quasi-random index, grid
    /// position, start-up count) in line with that history, so the next suggestions continue rather than repeat it.
    /// With the random streams drawn per trial, a rebuilt sampler suggests what the original would have.
    /// </summary>
    void Resynchronize();

    /// <summary>Adds finished trials of an earlier campaign to the history (in the given order).</summary>
    void WarmStart(IEnumerable<ObservedTrial> trials);

    /// <summary>The whole state (history, pending trials, random generator, algorithm state) as JSON.</summary>
    string SaveState();

    /// <summary>Replaces the state with a saved one; throws <see cref="ArgumentException"/> for another kind or space.</summary>
    void RestoreState(string json);
}
