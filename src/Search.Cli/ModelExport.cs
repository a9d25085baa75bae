using NinSearch.Export;
using NinSearch.Model.Data;
using NinSearch.Model.Training;

namespace NinSearch.Cli;

/// <summary>Writes a trained model as an export folder (see <see cref="ExportBundle"/>): usable without NinSearch,
/// in PyTorch through its model.py, or in TorchSharp through spec.json and weights.bin.</summary>
internal static class ModelExport
{
    public static void Write(string folder, TrainingSession session, DataSplits data, DatasetOptions options, TrainingOutcome outcome, EvaluationResult? test)
    {
        using var weights = new MemoryStream();
        ModelWeights.Save(session.Model, weights);
        var info = new ExportInfo
        {
            Preprocessing = data.Preprocessing,
            TestAccuracy = test?.Accuracy,
            WeightsEpoch = session.WeightsEpoch,
            EpochsRun = outcome.EpochsRun,
            Curve = [.. outcome.History.Select(m => new LearningCurvePoint(m.Epoch, m.TrainLoss, m.TrainAccuracy, m.ValidationLoss, m.ValidationAccuracy))],
            ValidationFraction = options.ValidationFraction,
            SplitSeed = options.SplitSeed,
            TrainSubset = options.TrainSubset,
        };
        ExportBundle.Create(session.Config, weights.ToArray(), info).WriteFolder(folder);
    }
}
