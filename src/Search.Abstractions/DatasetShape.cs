using NinSearch.Spec;

namespace NinSearch.Abstractions;

/// <summary>
/// The shape of a dataset's images and its class count, when the silo knows it: fixed for Fashion-MNIST and CIFAR,
/// declared by the campaign for an image folder. The silo sizes the search's networks (and so its parameter and MAC
/// constraints) for it; a worker refuses images of another shape.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record DatasetShape(
    [property: Id(0)] int Channels,
    [property: Id(1)] int Height,
    [property: Id(2)] int Width,
    [property: Id(3)] int Classes)
{
    /// <summary>The shape of <paramref name="input"/> with <paramref name="classes"/> classes.</summary>
    public static DatasetShape Of(InputShape input, int classes) => new(input.Channels, input.Height, input.Width, classes);

    /// <summary>The image tensor, without the batch dimension.</summary>
    public InputShape ToInput() => new(Channels, Height, Width);

    public override string ToString() => $"{Channels}×{Height}×{Width} with {Classes} classes";
}
