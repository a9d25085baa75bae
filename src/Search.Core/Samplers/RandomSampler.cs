using System.Text.Json;
using NinSearch.Core.Spaces;

namespace NinSearch.Core.Samplers;

/// <summary>
/// Independent points from the prior: scrambled Halton (quasi-random, the default: it covers the space more
/// evenly than pseudo-random draws at small budgets) or pseudo-random when <see cref="SamplerOptions.QuasiRandom"/>
/// is false. Inactive dimensions ignore their coordinate.
/// <example><code>var sampler = new RandomSampler(space, seed: 1); var c = sampler.Suggest(1);</code></example>
/// </summary>
public sealed class RandomSampler : SamplerBase
{
    private readonly ScrambledHalton? _halton;
    private long _index;

    public RandomSampler(SearchSpace space, long seed, SamplerOptions? options = null) : base(space, seed, options)
    {
        if (Options.QuasiRandom) _halton = new ScrambledHalton(space.Count, seed);
    }

    public override SamplerKind Kind => SamplerKind.Random;

    private protected override double?[] Propose(int attempt) =>
        _halton is null ? SpaceOps.SampleUniform(Space, Rng) : SpaceOps.FromUnit(Space, _halton.Point(_index++));

    private protected override void OnResynchronize(int ownTrials) => _index = ownTrials;

    private protected override object? SaveExtra() => new Extra { Index = _index };

    private protected override void RestoreExtra(JsonElement? extra) =>
        _index = extra?.Deserialize<Extra>(StateJson.Options)?.Index ?? 0;

    private sealed class Extra
    {
        public long Index { get; set; }
    }
}
