namespace NinSearch.Core.Spaces;

/// <summary>Search spaces that ship with NinSearch.</summary>
public static class DefaultSpaces
{
    /// <summary>
    /// The Fashion-MNIST NiN space (1×28×28, 10 classes) the dashboard pre-fills; its JSON is
    /// <see cref="FashionMnistJson"/> (also copied next to the assembly as <c>Spaces/default-space.json</c>).
    /// It contains the hand-tuned recipe — batch norm, random crop with padding 2, label smoothing 0.1, Nesterov SGD at
    /// lr 0.1, cosine decay after one warm-up epoch, weight decay 5e-4, widths 96-192-192 — and wider, deeper and
    /// differently regularized neighbours: 2–4 blocks of width 32–256, 0–3 hidden 1×1 layers, kernels 3/5, pooling
    /// and dropout per block, batch 64/128/256, 15–40 epochs; at most 3 M parameters and 400 M MACs.
    /// </summary>
    public static SearchSpace FashionMnist => LazyFashionMnist.Value;

    /// <summary>The JSON text of <see cref="FashionMnist"/>.</summary>
    public static string FashionMnistJson => LazyJson.Value;

    private static readonly Lazy<string> LazyJson = new(() =>
    {
        using var stream = typeof(DefaultSpaces).Assembly.GetManifestResourceStream("NinSearch.Core.Spaces.default-space.json")
            ?? throw new InvalidOperationException("the default search space resource is missing from the assembly");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    private static readonly Lazy<SearchSpace> LazyFashionMnist = new(() => SearchSpaceJson.Read(LazyJson.Value));
}
