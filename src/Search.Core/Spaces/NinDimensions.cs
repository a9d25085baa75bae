using System.Text.RegularExpressions;

namespace NinSearch.Core.Spaces;

/// <summary>
/// The dimension names <see cref="ConfigurationMapper"/> understands. Per-block names are 1-based
/// (<c>width_1</c> is the first block). A NiN space may omit any of them; the mapper then uses its defaults.
/// </summary>
public static partial class NinDimensions
{
    /// <summary>Number of mlpconv blocks (int).</summary>
    public const string Blocks = "blocks";
    /// <summary>Batch norm after every convolution (bool).</summary>
    public const string BatchNorm = "batch_norm";
    /// <summary>"sgd", "adam" or "adamw".</summary>
    public const string Optimizer = "optimizer";
    /// <summary>Peak learning rate (float).</summary>
    public const string LearningRate = "lr";
    public const string Momentum = "momentum";
    /// <summary>Nesterov momentum for SGD (bool).</summary>
    public const string Nesterov = "nesterov";
    public const string WeightDecay = "weight_decay";
    /// <summary>"constant", "step" or "cosine".</summary>
    public const string Schedule = "schedule";
    public const string WarmupEpochs = "warmup_epochs";
    public const string BatchSize = "batch_size";
    public const string LabelSmoothing = "label_smoothing";
    /// <summary>Random-crop padding in pixels; 0 disables the crop.</summary>
    public const string CropPadding = "crop_padding";
    /// <summary>Random horizontal flip (bool).</summary>
    public const string HorizontalFlip = "hflip";
    /// <summary>Epoch budget of the trial (the schedule is laid out over it).</summary>
    public const string Epochs = "epochs";
    /// <summary>"xavier", "kaiming" or "default".</summary>
    public const string Init = "init";

    /// <summary>Output channels of block i's first convolution (and of its hidden 1×1 layers).</summary>
    public static string Width(int block) => $"width_{block}";
    /// <summary>Kernel of block i's first convolution (3, 5, …).</summary>
    public static string Kernel(int block) => $"kernel_{block}";
    /// <summary>Hidden 1×1 layers in block i; the last block also gets the classifier 1×1 layer on top.</summary>
    public static string Pointwise(int block) => $"pointwise_{block}";
    /// <summary>Pooling after block i: "none", "max" or "avg" (never after the last block).</summary>
    public static string Pool(int block) => $"pool_{block}";
    /// <summary>Dropout rate after block i; 0 for none (never after the last block).</summary>
    public static string Dropout(int block) => $"dropout_{block}";

    /// <summary>The training (non-architecture) names.</summary>
    public static IReadOnlySet<string> Training { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        Optimizer, LearningRate, Momentum, Nesterov, WeightDecay, Schedule, WarmupEpochs, BatchSize, LabelSmoothing,
        CropPadding, HorizontalFlip, Epochs, Init,
    };

    /// <summary>Splits a per-block name into its kind ("width", "kernel", …) and 1-based block; false for others.</summary>
    public static bool TryParseBlockName(string name, out string kind, out int block)
    {
        var m = BlockName().Match(name);
        (kind, block) = m.Success ? (m.Groups[1].Value, int.Parse(m.Groups[2].Value)) : ("", 0);
        return m.Success && block >= 1;
    }

    /// <summary>Whether the mapper understands the name.</summary>
    public static bool IsKnown(string name) => name is Blocks or BatchNorm || Training.Contains(name) || TryParseBlockName(name, out _, out _);

    [GeneratedRegex("^(width|kernel|pointwise|pool|dropout)_([0-9]{1,2})$")]
    private static partial Regex BlockName();
}
