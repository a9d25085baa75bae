namespace NinSearch.Store.Entities;

/// <summary>Why a checkpoint was written. Stored as its name (text).</summary>
public enum CheckpointKind
{
    /// <summary>Model and optimizer state to resume training after a crash; only the latest few are kept.</summary>
    Resume = 0,

    /// <summary>The trained weights at the end of a trial (for export); only the latest one is kept.</summary>
    Final = 1,
}
