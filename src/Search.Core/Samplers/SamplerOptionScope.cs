namespace NinSearch.Core.Samplers;

/// <summary>
/// Which samplers read each <see cref="SamplerOptions"/> property, so that a campaign file setting an option its
/// sampler ignores (a TPE γ for evolution) is refused by name instead of silently doing nothing.
/// </summary>
public static class SamplerOptionScope
{
    private static readonly SamplerKind[] Tpe = [SamplerKind.Tpe];

    private static readonly Dictionary<string, SamplerKind[]> ByOption = new(StringComparer.Ordinal)
    {
        [nameof(SamplerOptions.NearDuplicateTolerance)] = Enum.GetValues<SamplerKind>(),
        [nameof(SamplerOptions.QuasiRandom)] = [SamplerKind.Random],
        [nameof(SamplerOptions.GridFloatPoints)] = [SamplerKind.Grid],
        [nameof(SamplerOptions.StartupTrials)] = Tpe,
        [nameof(SamplerOptions.Candidates)] = Tpe,
        [nameof(SamplerOptions.Gamma)] = Tpe,
        [nameof(SamplerOptions.MaxGood)] = Tpe,
        [nameof(SamplerOptions.Multivariate)] = Tpe,
        [nameof(SamplerOptions.MinFidelityTrials)] = Tpe,
        [nameof(SamplerOptions.PendingWeight)] = Tpe,
        [nameof(SamplerOptions.LowerFidelityWeight)] = Tpe,
        [nameof(SamplerOptions.MaxBad)] = Tpe,
        [nameof(SamplerOptions.PopulationSize)] = [SamplerKind.Evolution],
        [nameof(SamplerOptions.TournamentSize)] = [SamplerKind.Evolution],
    };

    /// <summary>
    /// The samplers that read option <paramref name="property"/> (a <see cref="SamplerOptions"/> property name);
    /// empty for a name that is not an option.
    /// </summary>
    public static IReadOnlyList<SamplerKind> SamplersReading(string property) =>
        ByOption.TryGetValue(property, out var kinds) ? kinds : [];
}
