namespace NinSearch.Spec;

/// <summary>Training-time augmentation, applied on whole batches on the training device.</summary>
public sealed record Augmentation
{
    /// <summary>Random crop after zero padding by this many pixels; 0 disables it. Default 0.</summary>
    public int CropPadding { get; init; }

    /// <summary>Random horizontal flip with probability 0.5. Default false.</summary>
    public bool HorizontalFlip { get; init; }

    public static Augmentation None { get; } = new();
}
