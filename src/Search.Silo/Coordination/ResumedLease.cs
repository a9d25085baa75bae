namespace NinSearch.Silo.Coordination;

/// <summary>A resume that the store granted, applied: the trial as leased, and whether it took over an expired lease.</summary>
public sealed record ResumedLease(TrialSlotView Trial, bool Reclaimed, string? PreviousWorker, bool NeedsCheckpointEpoch);
