using NinSearch.Export;
using NinSearch.Spec;
using static TorchSharp.torch;

namespace NinSearch.Model.Data;

/// <summary>
/// Train, validation and test sets on one device, with the normalization measured on <see cref="Train"/>.
/// Validation is carved from the training files by a seeded split; <see cref="Test"/> is only for final reports.
/// Owns the sets; dispose it to free their memory.
/// </summary>
public sealed class DataSplits(LabeledImages train, LabeledImages validation, LabeledImages test, Normalization normalization, string source,
    string dataset = "unknown", IReadOnlyList<string>? classNames = null, DataSplit? split = null)
    : IDisposable
{
    public LabeledImages Train { get; } = train;

    public LabeledImages Validation { get; } = validation;

    public LabeledImages Test { get; } = test;

    public Normalization Normalization { get; } = normalization;

    /// <summary>Where the data came from, for logs (e.g. "fashion-mnist /usr/share/datasets/fashion-mnist").</summary>
    public string Source { get; } = source;

    /// <summary>The dataset's name as a campaign gives it (<c>fashion-mnist</c>, <c>cifar10</c>, <c>image-folder</c>, ...).</summary>
    public string Dataset { get; } = dataset;

    /// <summary>Class names by label; empty when unknown.</summary>
    public IReadOnlyList<string> ClassNames { get; } = classNames ?? [];

    /// <summary>What a model trained on these splits needs to reproduce its predictions elsewhere (for exports).</summary>
    public Preprocessing Preprocessing => new()
    {
        Dataset = Dataset,
        Input = Shape,
        Mean = Normalization.Mean,
        Std = Normalization.Std,
        ClassNames = ClassNames,
        Split = split,
    };

    public int Classes => Train.Classes;

    public InputShape Shape => Train.Shape;

    public Device Device => Train.Device;

    public void Dispose()
    {
        Train.Dispose();
        Validation.Dispose();
        Test.Dispose();
    }
}
