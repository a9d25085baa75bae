using NinSearch.Core.Spaces;

namespace NinSearch.Core.Samplers;

/// <summary>
/// A configuration a user asks to evaluate first (<c>search.enqueue</c>, as Optuna's <c>enqueue_trial</c>), possibly
/// given in part. Missing active dimensions are filled as the samplers fill a start-up point: a block's width,
/// kernel, 1×1 depth, pooling or dropout copies the block before it where that is given, anything else is drawn from
/// the prior (uniform, log-uniform for log dimensions). The draw is seeded by the campaign seed and the trial number,
/// so the validator checks the very configuration the campaign will train, and a rebuilt search proposes it again.
/// A model-based fill would change nothing here: enqueued trials come first, before any model has data.
/// <example><code>
/// var values = SearchSpaceJson.ReadValues(space, element);             // {"blocks": 3, "lr": 0.1}
/// var configuration = EnqueuedConfiguration.Complete(space, values, seed: 42, trialId: 0);
/// </code></example>
/// </summary>
public static class EnqueuedConfiguration
{
    /// <summary>
    /// The configuration for trial <paramref name="trialId"/>: <paramref name="given"/> completed. Throws
    /// <see cref="SearchSpaceException"/> naming the dimension when a given value is unknown, out of range, or given
    /// for a dimension its condition leaves inactive.
    /// </summary>
    public static Configuration Complete(SearchSpace space, IReadOnlyDictionary<string, ParamValue> given, long seed, long trialId)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(given);
        foreach (var name in given.Keys)
            if (space.IndexOf(name) < 0) throw new SearchSpaceException(name, "the configuration names a dimension this space does not have");
        var rng = DeterministicRandom.Derive(seed, trialId);
        var x = new double?[space.Count];
        for (var i = 0; i < space.Count; i++)
        {
            var d = space.Dimensions[i];
            var active = space.IsActive(i, x);
            var present = given.TryGetValue(d.Name, out var value);
            if (!active && present) throw new SearchSpaceException(d.Name, $"is inactive ({d.When}) but the configuration gives it a value");
            if (!active) continue;
            if (!present) { SpaceOps.Fill(space, x, i, rng); continue; }
            if (!d.TryEncode(value, out var encoded)) throw new SearchSpaceException(d.Name, $"value {value} is not in the dimension's range");
            x[i] = encoded;
        }
        return space.Decode(x);
    }
}
