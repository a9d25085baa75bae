namespace NinSearch.Core.Spaces;

/// <summary>Why a sampled configuration was not turned into a trial.</summary>
public enum RejectionReason
{
    /// <summary>The architecture is not a valid NiN (e.g. pooling collapses the feature map); see the message.</summary>
    InvalidArchitecture,
    /// <summary>The training recipe is not usable (e.g. a non-positive learning rate).</summary>
    InvalidRecipe,
    /// <summary>More parameters than <see cref="SpaceConstraints.MaxParams"/>.</summary>
    TooManyParams,
    /// <summary>More multiply-accumulates per image than <see cref="SpaceConstraints.MaxMacs"/>.</summary>
    TooManyMacs,
}
