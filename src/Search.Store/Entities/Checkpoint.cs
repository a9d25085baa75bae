namespace NinSearch.Store.Entities;

/// <summary>
/// A saved model/optimizer state (table <c>checkpoints</c>, key trial + kind + epoch). The bytes live in
/// <see cref="Data"/> (<c>bytea</c>/<c>blob</c>) or, when a checkpoint directory is configured, in the file named by
/// <see cref="Path"/>.
/// </summary>
public sealed class Checkpoint
{
    /// <summary>The trial.</summary>
    public Guid TrialId { get; set; }

    /// <summary>Why it was written.</summary>
    public CheckpointKind Kind { get; set; }

    /// <summary>The epoch after which it was written (1-based).</summary>
    public int Epoch { get; set; }

    /// <summary>The bytes, or null when stored in a file.</summary>
    public byte[]? Data { get; set; }

    /// <summary>File path relative to the checkpoint directory, or null when stored in the database.</summary>
    public string? Path { get; set; }

    /// <summary>
    /// For <see cref="CheckpointKind.Final"/> weights: how inputs are prepared for them (normalisation, class names,
    /// input shape; Search.Export's <c>Preprocessing</c> JSON), so an export reproduces predictions. Null otherwise.
    /// </summary>
    public string? PreprocessingJson { get; set; }

    /// <summary>Size of the checkpoint in bytes.</summary>
    public long SizeBytes { get; set; }

    /// <summary>When it was saved.</summary>
    public DateTimeOffset CreatedAt { get; set; }
}
