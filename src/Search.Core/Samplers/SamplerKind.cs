namespace NinSearch.Core.Samplers;

public enum SamplerKind
{
    /// <summary>Every grid point in order (<see cref="GridSampler"/>).</summary>
    Grid,
    /// <summary>Scrambled-Halton quasi-random or pseudo-random points (<see cref="RandomSampler"/>).</summary>
    Random,
    /// <summary>Tree-structured Parzen estimator (<see cref="TpeSampler"/>).</summary>
    Tpe,
    /// <summary>Regularized (aging) evolution with NiN mutations (<see cref="EvolutionSampler"/>).</summary>
    Evolution,
}
