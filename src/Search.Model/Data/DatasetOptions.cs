namespace NinSearch.Model.Data;

/// <summary>Which data to load and how to split it.</summary>
public sealed class DatasetOptions
{
    /// <summary>Debian's dataset-fashion-mnist package installs the files here.</summary>
    public const string DefaultFashionMnistPath = "/usr/share/datasets/fashion-mnist";

    /// <summary>Format; default <see cref="DatasetKind.FashionMnist"/>.</summary>
    public DatasetKind Kind { get; set; } = DatasetKind.FashionMnist;

    /// <summary>Folder holding the files; null means <see cref="DefaultFashionMnistPath"/> for Fashion-MNIST and is
    /// required for the other formats.</summary>
    public string? Path { get; set; }

    /// <summary>Fraction of the training files held out for validation, in (0, 1); default 0.1 (6,000 of
    /// Fashion-MNIST's 60,000). Validation is what a search optimizes; the test files are only for final reports.</summary>
    public double ValidationFraction { get; set; } = 0.1;

    /// <summary>Seed of the train/validation split; default 0. Keep it fixed across a campaign so that every trial
    /// is scored on the same validation images (it is independent of the training seed).</summary>
    public long SplitSeed { get; set; }

    /// <summary>Use only this many training images (after the split, a seeded random subset); null for all.</summary>
    public int? TrainSubset { get; set; }

    /// <summary>
    /// Validate on only this many of the held-out images (a seeded subset of the validation split, the same for every
    /// trial of a campaign); null for all. Every epoch scores the whole validation split, so on a CPU a small training
    /// subset is otherwise dominated by validating.
    /// </summary>
    public int? ValidationSubset { get; set; }

    /// <summary>The folder actually read.</summary>
    public string ResolvedPath => Path ?? (Kind == DatasetKind.FashionMnist
        ? DefaultFashionMnistPath
        : throw new ArgumentException($"dataset {Kind} needs a path"));

    /// <summary>Throws <see cref="ArgumentException"/> for out-of-range settings.</summary>
    public void Validate()
    {
        if (!(ValidationFraction > 0 && ValidationFraction < 1))
            throw new ArgumentException($"validation fraction must be in (0, 1), got {ValidationFraction}");
        if (TrainSubset is < 1) throw new ArgumentException($"train subset must be ≥ 1, got {TrainSubset}");
        if (ValidationSubset is < 1) throw new ArgumentException($"validation subset must be ≥ 1, got {ValidationSubset}");
    }
}
