using NinSearch.Core.Spaces;

namespace NinSearch.Core.Simulation;

/// <summary>
/// What <see cref="AsyncSimulation"/> trains on instead of a real trainer: a space, and for each configuration a
/// learning curve, a cost per epoch and the accuracy the search is judged by. Implementations are pure and
/// thread-safe (seeds run in parallel).
/// </summary>
public interface ISearchProblem
{
    SearchSpace Space { get; }

    /// <summary>The budget R at which "final" accuracy is measured (and the schedulers' maximum resource).</summary>
    int MaxEpochs { get; }

    /// <summary>The validation accuracy a worker reports after <paramref name="epoch"/> epochs (1-based).</summary>
    double Observe(Configuration configuration, int epoch, DeterministicRandom rng);

    /// <summary>A cost per epoch (any unit, the same for every configuration), so workers drift out of step.</summary>
    double EpochTime(Configuration configuration);

    /// <summary>The accuracy the campaign's incumbent is judged by (noise-free, or held out).</summary>
    double TrueFinal(Configuration configuration);

    /// <summary>The best <see cref="TrueFinal"/> any configuration has: what a search could at most reach.</summary>
    double OptimumFinal { get; }
}
