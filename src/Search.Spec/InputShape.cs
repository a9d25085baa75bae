namespace NinSearch.Spec;

/// <summary>The image tensor a network takes, without the batch dimension.</summary>
public sealed record InputShape(int Channels, int Height, int Width)
{
    /// <summary>Fashion-MNIST and MNIST: 1×28×28.</summary>
    public static InputShape Gray28 { get; } = new(1, 28, 28);

    /// <summary>CIFAR-10 and CIFAR-100: 3×32×32.</summary>
    public static InputShape Rgb32 { get; } = new(3, 32, 32);

    public override string ToString() => $"{Channels}×{Height}×{Width}";
}
