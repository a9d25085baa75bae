using NinSearch.Store.Entities;

namespace NinSearch.Store;

/// <summary>A checkpoint read back from the store.</summary>
/// <param name="TrialId">The trial.</param>
/// <param name="Kind">Why it was written.</param>
/// <param name="Epoch">The epoch after which it was written; training resumes at <c>Epoch + 1</c>.</param>
/// <param name="Data">The bytes exactly as saved.</param>
/// <param name="PreprocessingJson">For final weights, how inputs are prepared for them; null when not given.</param>
public sealed record StoredCheckpoint(Guid TrialId, CheckpointKind Kind, int Epoch, byte[] Data, string? PreprocessingJson = null);
