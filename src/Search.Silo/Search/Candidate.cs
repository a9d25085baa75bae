using NinSearch.Spec;

namespace NinSearch.Silo.Search;

/// <summary>What a campaign's search proposes for the next trial number.</summary>
public abstract record Candidate
{
    private Candidate() { }

    /// <summary>A configuration to train, with its analytic size and the sampler's values (JSON object) it came from, if any.</summary>
    public sealed record Accepted(TrialConfig Config, long Params, long Macs, string? ParamsJson = null) : Candidate
    {
        /// <summary>
        /// <see cref="Config"/> as the trial row stores it, serialized where the candidate is made (off the grain's
        /// turn when drawn ahead, see <see cref="CandidateBuffer"/>).
        /// </summary>
        public string ConfigJson { get; } = SpecJson.Serialize(Config);
    }

    /// <summary>A configuration that broke a constraint; recorded as a Rejected trial with <paramref name="Reason"/>.</summary>
    public sealed record Rejected(string ConfigJson, string Reason, long Params, long Macs, string? ParamsJson = null) : Candidate;

    /// <summary>The search has nothing new to propose.</summary>
    public sealed record Exhausted(string Reason) : Candidate;
}
