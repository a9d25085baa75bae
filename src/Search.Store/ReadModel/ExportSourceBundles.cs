using NinSearch.Export;

namespace NinSearch.Store.ReadModel;

/// <summary>Turns what the store knows of a trial into an export bundle (the one place that maps the two).</summary>
public static class ExportSourceBundles
{
    /// <summary>The export zip's file name: <c>{campaign}-trial-{number}.zip</c>.</summary>
    public static string ZipFileName(this ExportSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return $"{source.CampaignId}-trial-{source.Trial.Trial.Number}.zip";
    }

    /// <summary>The trial's export: weights, PyTorch loader, preprocessing and model card.</summary>
    /// <exception cref="InvalidDataException">The weights carry no preprocessing, or do not fit the trial's spec.</exception>
    public static ExportBundle ToBundle(this ExportSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var preprocessing = source.PreprocessingJson is { } json
            ? Preprocessing.Parse(json)
            : throw new InvalidDataException($"trial {source.Trial.Trial.Number} has weights without the preprocessing they need (saved by an older worker)");
        var trial = source.Trial;
        var info = new ExportInfo
        {
            Preprocessing = preprocessing,
            TestAccuracy = trial.Trial.TestAccuracy,
            WeightsEpoch = source.WeightsEpoch,
            EpochsRun = trial.Trial.Epochs,
            Curve = [.. trial.Curve.Select(p => new LearningCurvePoint(p.Epoch, p.TrainLoss, p.TrainAccuracy, p.ValidationLoss, p.ValidationAccuracy))],
            CampaignId = source.CampaignId,
            TrialId = trial.Trial.TrialId,
            TrialNumber = trial.Trial.Number,
            ValidationFraction = preprocessing.Split?.ValidationFraction,
            SplitSeed = preprocessing.Split?.Seed,
            TrainSubset = preprocessing.Split?.TrainSubset,
        };
        return ExportBundle.Create(FitToData(source.Config, preprocessing), source.Weights, info);
    }

    /// <summary>
    /// The trial's config as the worker trained it. A campaign on an image folder of undeclared shape stores configs
    /// sized for 1×28×28 and 10 classes (the silo never reads the images); the worker builds the network for the images
    /// it loads and sends their shape and class names in the preprocessing, which is therefore what the weights fit.
    /// </summary>
    internal static NinSearch.Spec.TrialConfig FitToData(NinSearch.Spec.TrialConfig config, Preprocessing preprocessing)
    {
        var spec = config.Architecture;
        var classes = preprocessing.ClassNames.Count > 0 ? preprocessing.ClassNames.Count : spec.Classes;
        return spec.Input == preprocessing.Input && spec.Classes == classes
            ? config
            : config with { Architecture = spec with { Input = preprocessing.Input, Classes = classes } };
    }
}
