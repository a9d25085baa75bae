using NinSearch.Core.Spaces;

namespace NinSearch.Core.Samplers;

/// <summary>Creates samplers by kind, for coordinators that read the kind from a campaign spec.</summary>
public static class SamplerFactory
{
    /// <summary>
    /// A new sampler of <paramref name="kind"/> over <paramref name="space"/>. To resume one, create it with the same
    /// kind, space and seed, then call <see cref="ISampler.RestoreState"/>. With two or more
    /// <paramref name="objectives"/>, TPE is MOTPE and evolution selects as NSGA-II; grid and random ignore them.
    /// </summary>
    public static ISampler Create(SamplerKind kind, SearchSpace space, long seed, SamplerOptions? options = null, IReadOnlyList<Pareto.Objective>? objectives = null) => kind switch
    {
        SamplerKind.Grid => new GridSampler(space, seed, options),
        SamplerKind.Random => new RandomSampler(space, seed, options),
        SamplerKind.Tpe => new TpeSampler(space, seed, options, objectives),
        SamplerKind.Evolution => new EvolutionSampler(space, seed, options, objectives),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown sampler kind"),
    };
}
