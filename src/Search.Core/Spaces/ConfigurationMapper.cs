using NinSearch.Spec;

namespace NinSearch.Core.Spaces;

/// <summary>
/// Turns a sampled <see cref="Configuration"/> into a trainable <see cref="TrialConfig"/> for one dataset
/// (input shape and class count come from the campaign), or a typed <see cref="Rejection"/>: invalid specs
/// (checked by <see cref="SpecValidator"/>) and candidates over the parameter or MAC limits are refused before
/// training. Construction checks every dimension is one it understands (<see cref="NinDimensions"/>), with values
/// of the right kind, and throws <see cref="SearchSpaceException"/> naming the dimension otherwise.
/// Immutable and thread-safe.
/// <example><code>
/// var mapper = new ConfigurationMapper(DefaultSpaces.FashionMnist, InputShape.Gray28, classes: 10);
/// var result = mapper.Map(configuration, seed: trialId);
/// if (result.IsAccepted) Train(result.Trial!); else RecordRejected(result.Rejection!);
/// </code></example>
/// </summary>
public sealed class ConfigurationMapper
{
    private readonly MapperOptions _options;

    public ConfigurationMapper(SearchSpace space, InputShape input, int classes, MapperOptions? options = null)
    {
        Space = space ?? throw new ArgumentNullException(nameof(space));
        Input = input ?? throw new ArgumentNullException(nameof(input));
        if (classes < 2) throw new ArgumentOutOfRangeException(nameof(classes), classes, "a classifier needs at least 2 classes");
        Classes = classes;
        _options = options ?? new MapperOptions();
        foreach (var d in space.Dimensions) CheckDimension(d);
    }

    public SearchSpace Space { get; }
    public InputShape Input { get; }
    public int Classes { get; }

    /// <summary>The limits applied: the options' override or the space's own.</summary>
    public SpaceConstraints Constraints => _options.Constraints ?? Space.Constraints;

    /// <summary>Maps a configuration of <see cref="Space"/>; <paramref name="seed"/> becomes the recipe's seed.</summary>
    public MappingResult Map(Configuration configuration, long seed = 0)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var spec = Architecture(configuration);
        var errors = SpecValidator.Validate(spec);
        if (errors.Count > 0)
            return new(configuration, null, new(RejectionReason.InvalidArchitecture, string.Join("; ", errors)), 0, 0);
        var analysis = NinAnalysis.Of(spec);
        var (parameters, macs) = (analysis.Params, analysis.Macs);
        Rejection? rejection = null;
        if (Constraints.MaxParams is { } maxParams && parameters > maxParams)
            rejection = new(RejectionReason.TooManyParams, $"{parameters:N0} parameters > max_params {maxParams:N0}");
        else if (Constraints.MaxMacs is { } maxMacs && macs > maxMacs)
            rejection = new(RejectionReason.TooManyMacs, $"{macs:N0} MACs > max_macs {maxMacs:N0}");
        var recipe = Recipe(configuration, seed);
        rejection ??= CheckRecipe(recipe);
        return rejection is null
            ? new(configuration, new TrialConfig(spec, recipe), null, parameters, macs)
            : new(configuration, null, rejection, parameters, macs);
    }

    /// <summary>The architecture a configuration describes (not yet validated).</summary>
    public NinSpec Architecture(Configuration c)
    {
        var count = (int)Int(c, NinDimensions.Blocks, _options.DefaultBlocks);
        var batchNorm = Bool(c, NinDimensions.BatchNorm, _options.DefaultBatchNorm);
        var blocks = new List<MlpConvBlock>(count);
        for (var i = 1; i <= count; i++)
        {
            var last = i == count;
            var width = (int)Int(c, NinDimensions.Width(i), _options.DefaultWidth);
            var hidden = (int)Int(c, NinDimensions.Pointwise(i), _options.DefaultPointwise);
            // The last block's hidden 1×1 layers keep the block's width; its final 1×1 layer is the classifier
            // (a null width there means "classes"), so every sampled depth still ends in class scores.
            IReadOnlyList<PointwiseLayer> pointwise = last
                ? [.. Enumerable.Repeat(new PointwiseLayer(width), hidden), new PointwiseLayer()]
                : [.. Enumerable.Repeat(new PointwiseLayer(), hidden)];
            var pool = last ? "none" : Text(c, NinDimensions.Pool(i), "none");
            var dropout = last ? 0 : Double(c, NinDimensions.Dropout(i), 0);
            blocks.Add(new MlpConvBlock
            {
                Kernel = (int)Int(c, NinDimensions.Kernel(i), _options.DefaultKernel),
                Width = width,
                Pointwise = pointwise,
                BatchNorm = batchNorm,
                Pool = pool switch { "max" => PoolSpec.Max3x3, "avg" => PoolSpec.Avg3x3, _ => null },
                Dropout = dropout > 0 ? dropout : null,
            });
        }
        return new NinSpec { Input = Input, Classes = Classes, Blocks = blocks };
    }

    /// <summary>The training recipe a configuration describes: the base recipe with sampled fields replaced.</summary>
    public TrainingRecipe Recipe(Configuration c, long seed = 0)
    {
        var b = _options.BaseRecipe;
        return b with
        {
            Optimizer = c.TryGet(NinDimensions.Optimizer, out var o) ? ParseEnum<OptimizerKind>(o.AsString()) : b.Optimizer,
            LearningRate = Double(c, NinDimensions.LearningRate, b.LearningRate),
            Momentum = Double(c, NinDimensions.Momentum, b.Momentum),
            Nesterov = Bool(c, NinDimensions.Nesterov, b.Nesterov),
            WeightDecay = Double(c, NinDimensions.WeightDecay, b.WeightDecay),
            Schedule = c.TryGet(NinDimensions.Schedule, out var s) ? ParseEnum<ScheduleKind>(s.AsString()) : b.Schedule,
            WarmupEpochs = Double(c, NinDimensions.WarmupEpochs, b.WarmupEpochs),
            BatchSize = (int)Int(c, NinDimensions.BatchSize, b.BatchSize),
            LabelSmoothing = Double(c, NinDimensions.LabelSmoothing, b.LabelSmoothing),
            Augmentation = b.Augmentation with
            {
                CropPadding = (int)Int(c, NinDimensions.CropPadding, b.Augmentation.CropPadding),
                HorizontalFlip = Bool(c, NinDimensions.HorizontalFlip, b.Augmentation.HorizontalFlip),
            },
            Epochs = (int)Int(c, NinDimensions.Epochs, b.Epochs),
            Init = c.TryGet(NinDimensions.Init, out var init) ? ParseEnum<InitKind>(init.AsString()) : b.Init,
            Seed = seed,
        };
    }

    private static Rejection? CheckRecipe(TrainingRecipe r)
    {
        string? problem =
            !(r.LearningRate > 0) ? $"lr must be > 0, got {r.LearningRate}"
            : r.WeightDecay < 0 ? $"weight_decay must be ≥ 0, got {r.WeightDecay}"
            : r.BatchSize <= 0 ? $"batch_size must be > 0, got {r.BatchSize}"
            : r.Epochs <= 0 ? $"epochs must be > 0, got {r.Epochs}"
            : r.WarmupEpochs < 0 ? $"warmup_epochs must be ≥ 0, got {r.WarmupEpochs}"
            : r.LabelSmoothing is < 0 or >= 1 ? $"label_smoothing must be in [0, 1), got {r.LabelSmoothing}"
            : r.Augmentation.CropPadding < 0 ? $"crop_padding must be ≥ 0, got {r.Augmentation.CropPadding}"
            : r.Momentum is < 0 or >= 1 ? $"momentum must be in [0, 1), got {r.Momentum}"
            : null;
        return problem is null ? null : new Rejection(RejectionReason.InvalidRecipe, problem);
    }

    private static void CheckDimension(Dimension d)
    {
        var name = d.Name;
        if (!NinDimensions.IsKnown(name))
            throw new SearchSpaceException(name, "is not a NiN dimension the mapper understands (see NinDimensions)");
        NinDimensions.TryParseBlockName(name, out var kind, out _);
        // Only choices are listed: an int range is integral by construction and may hold a billion values.
        var choices = (d as CategoricalDimension)?.Choices;
        var expectText = name is NinDimensions.Optimizer or NinDimensions.Schedule or NinDimensions.Init || kind == "pool";
        var expectBool = name is NinDimensions.BatchNorm or NinDimensions.Nesterov or NinDimensions.HorizontalFlip;
        var expectInt = name is NinDimensions.Blocks or NinDimensions.BatchSize or NinDimensions.CropPadding or NinDimensions.Epochs
            || kind is "width" or "kernel" or "pointwise";
        if (expectText || expectBool)
        {
            if (choices is null || choices.Any(v => v.Kind != (expectBool ? ValueKind.Bool : ValueKind.String)))
                throw new SearchSpaceException(name, $"must be a categorical of {(expectBool ? "booleans" : "strings")}");
            foreach (var v in choices.Where(_ => expectText))
            {
                var ok = name switch
                {
                    NinDimensions.Optimizer => Enum.TryParse<OptimizerKind>(v.AsString(), true, out _),
                    NinDimensions.Schedule => Enum.TryParse<ScheduleKind>(v.AsString(), true, out _),
                    NinDimensions.Init => Enum.TryParse<InitKind>(v.AsString(), true, out _),
                    _ => v.AsString() is "none" or "max" or "avg",
                };
                if (!ok) throw new SearchSpaceException(name, $"unknown choice '{v}'");
            }
            return;
        }
        if (choices is not null && choices.Any(v => !v.IsNumeric))
            throw new SearchSpaceException(name, "must have numeric choices");
        if (expectInt && (d is FloatDimension || (choices?.Any(v => v.AsDouble() != Math.Floor(v.AsDouble())) ?? false)))
            throw new SearchSpaceException(name, "must take integer values (an int range or integer choices)");
    }

    private static T ParseEnum<T>(string text) where T : struct, Enum => Enum.Parse<T>(text, ignoreCase: true);

    private static long Int(Configuration c, string name, long fallback) => c.TryGet(name, out var v) ? v.AsInt() : fallback;

    private static double Double(Configuration c, string name, double fallback) => c.TryGet(name, out var v) ? v.AsDouble() : fallback;

    private static bool Bool(Configuration c, string name, bool fallback) => c.TryGet(name, out var v) ? v.AsBool() : fallback;

    private static string Text(Configuration c, string name, string fallback) => c.TryGet(name, out var v) ? v.AsString() : fallback;
}
