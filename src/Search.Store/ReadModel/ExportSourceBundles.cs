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
        return ExportBundle.Create(source.Config, source.Weights, info);
    }
}
