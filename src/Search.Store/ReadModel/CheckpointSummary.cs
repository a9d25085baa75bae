using NinSearch.Store.Entities;

namespace NinSearch.Store.ReadModel;

/// <summary>A stored checkpoint of a trial, without its bytes.</summary>
public sealed record CheckpointSummary(CheckpointKind Kind, int Epoch, long SizeBytes, DateTimeOffset CreatedAt);
