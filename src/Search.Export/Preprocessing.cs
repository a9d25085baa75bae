using NinSearch.Spec;

namespace NinSearch.Export;

/// <summary>
/// What turns an image into the network's input, and its output into a class name: together with the weights this
/// is what reproduces a model's predictions. The network takes <c>float32 [batch, channels, height, width]</c> with
/// <c>x = (pixel / PixelScale - Mean[c]) / Std[c]</c>, pixels being the dataset's 8-bit values (0..255), and its
/// output index <c>i</c> is class <c>ClassNames[i]</c>. Serialized as <c>preprocessing.json</c> with
/// <see cref="SpecJson"/> (snake_case, unknown fields rejected).
/// </summary>
public sealed record Preprocessing
{
    /// <summary>The dataset the model was trained on, as a campaign names it (<c>fashion-mnist</c>, <c>cifar10</c>, ...).</summary>
    public required string Dataset { get; init; }

    /// <summary>Input shape without the batch dimension.</summary>
    public required InputShape Input { get; init; }

    /// <summary>Per-channel mean of pixel values in [0, 1], measured on the training split.</summary>
    public required IReadOnlyList<double> Mean { get; init; }

    /// <summary>Per-channel standard deviation of pixel values in [0, 1], measured on the training split.</summary>
    public required IReadOnlyList<double> Std { get; init; }

    /// <summary>Class names by output index; empty when the dataset names none.</summary>
    public IReadOnlyList<string> ClassNames { get; init; } = [];

    /// <summary>How the training files were split into training and validation; null when unknown.</summary>
    public DataSplit? Split { get; init; }

    /// <summary>What raw pixels are divided by before normalization; 255 for 8-bit images.</summary>
    public double PixelScale { get; init; } = 255;

    /// <summary>Throws <see cref="ArgumentException"/> when the statistics do not fit the input shape.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Dataset)) throw new ArgumentException("preprocessing: the dataset name is empty");
        if (Mean.Count != Input.Channels || Std.Count != Input.Channels)
            throw new ArgumentException($"preprocessing: {Mean.Count} means and {Std.Count} standard deviations for {Input.Channels} channels");
        if (Std.Any(s => !(s > 0)) || Mean.Any(m => !double.IsFinite(m)))
            throw new ArgumentException("preprocessing: standard deviations must be positive and means finite");
        if (!(PixelScale > 0)) throw new ArgumentException($"preprocessing: pixel scale must be positive, got {PixelScale}");
    }

    /// <summary>The JSON form (<c>preprocessing.json</c>).</summary>
    public string ToJson() => SpecJson.Serialize(this);

    /// <summary>Reads and validates the JSON form; throws <see cref="SpecException"/> or <see cref="ArgumentException"/>.</summary>
    public static Preprocessing Parse(string json)
    {
        var preprocessing = SpecJson.Deserialize<Preprocessing>(json);
        preprocessing.Validate();
        return preprocessing;
    }
}
