namespace NinSearch.Core.Samplers;

/// <summary>The state of a trial as a sampler sees it (Optuna's vocabulary).</summary>
public enum TrialState
{
    /// <summary>Suggested or registered, no result yet (pending).</summary>
    Running,
    /// <summary>Trained for its full budget; the objective is its final metric.</summary>
    Complete,
    /// <summary>Stopped early by a scheduler; the objective is its last reported metric.</summary>
    Pruned,
    /// <summary>Training failed; no objective.</summary>
    Failed,
    /// <summary>Refused before training (constraint or invalid spec); no objective.</summary>
    Rejected,
}
