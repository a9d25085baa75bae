namespace NinSearch.Spec;

/// <summary>
/// One Network-in-Network candidate: a stack of mlpconv blocks whose last layer has <see cref="Classes"/> channels,
/// followed by global average pooling (no fully connected layer). Serializes to versioned JSON through
/// <see cref="SpecJson"/>; check it with <see cref="SpecValidator"/> before building or counting.
/// </summary>
public sealed record NinSpec
{
    /// <summary>The JSON schema version this build writes and reads.</summary>
    public const int CurrentVersion = 1;

    public int Version { get; init; } = CurrentVersion;

    /// <summary>Optional human name, e.g. a preset's.</summary>
    public string? Name { get; init; }

    public InputShape Input { get; init; } = InputShape.Gray28;

    public int Classes { get; init; } = 10;

    public IReadOnlyList<MlpConvBlock> Blocks { get; init; } = [];

    /// <summary>
    /// ReLU after the network's last convolution, as in the NiN paper. Default false: the ReLU before global
    /// average pooling lets logits die at zero, which is how plain NiN gets stuck at chance.
    /// </summary>
    public bool FinalRelu { get; init; }

    public bool Equals(NinSpec? other) =>
        other is not null && Version == other.Version && Name == other.Name && Input == other.Input &&
        Classes == other.Classes && FinalRelu == other.FinalRelu && Blocks.SequenceEqual(other.Blocks);

    public override int GetHashCode()
    {
        var hash = HashCode.Combine(Version, Name, Input, Classes, FinalRelu);
        foreach (var block in Blocks) hash = HashCode.Combine(hash, block);
        return hash;
    }
}
