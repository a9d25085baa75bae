namespace NinSearch.Spec;

/// <summary>
/// One 1×1 convolution of an mlpconv block (the per-pixel MLP across channels).
/// A null <see cref="Width"/> takes the block's width, or the class count for the network's very last layer.
/// </summary>
public sealed record PointwiseLayer(int? Width = null);
