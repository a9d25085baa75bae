namespace NinSearch.Abstractions;

/// <summary>Why a worker hands a lease back without ending its trial.</summary>
public enum ReleaseCause
{
    /// <summary>The worker is stopping (a signal, a rollout): the trial resumes elsewhere; the attempt does not count against it.</summary>
    Shutdown,

    /// <summary>
    /// The attempt could not go on for a reason outside the trial (the cluster unreachable past the retry window, a
    /// checkpoint that cannot be read): the trial resumes elsewhere and the attempt counts towards the cap on failed attempts.
    /// </summary>
    Fault,

    /// <summary>The worker cannot load the campaign's dataset: the trial resumes on another worker, and the campaign records why.</summary>
    DatasetUnavailable,
}
