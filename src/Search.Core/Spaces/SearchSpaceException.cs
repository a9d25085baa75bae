namespace NinSearch.Core.Spaces;

/// <summary>A search space or configuration that is not valid; <see cref="Dimension"/> names the offending dimension.</summary>
public sealed class SearchSpaceException(string? dimension, string message, Exception? inner = null)
    : Exception(dimension is null ? $"invalid search space: {message}" : $"invalid search space: dimension '{dimension}': {message}", inner)
{
    /// <summary>The dimension at fault, or null when the problem is the document as a whole.</summary>
    public string? Dimension { get; } = dimension;
}
