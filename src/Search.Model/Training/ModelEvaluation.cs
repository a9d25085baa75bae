using NinSearch.Model.Building;
using NinSearch.Model.Data;
using static TorchSharp.torch;

namespace NinSearch.Model.Training;

/// <summary>Loss and accuracy of a model on a set, in evaluation mode, without augmentation.</summary>
public static class ModelEvaluation
{
    /// <summary>
    /// Evaluates <paramref name="model"/> (on the set's device) on <paramref name="set"/> normalized with
    /// <paramref name="normalization"/>, e.g. a loaded export's own statistics. Restores the model's training mode.
    /// </summary>
    public static EvaluationResult Evaluate(NinModel model, LabeledImages set, Normalization normalization, int batchSize = 1000,
        CancellationToken cancellationToken = default)
    {
        using var source = new BatchSource(set, normalization, null, batchSize);
        return Evaluate(model, source, set.Device, cancellationToken);
    }

    internal static EvaluationResult Evaluate(NinModel model, BatchSource source, Device device, CancellationToken ct)
    {
        var wasTraining = model.training;
        model.eval();
        try
        {
            using var noGrad = no_grad();
            using var totals = new StepTotals(device);
            var batches = source.BatchCount(dropLast: false);
            for (var b = 0; b < batches; b++)
            {
                ct.ThrowIfCancellationRequested();
                using var scope = NewDisposeScope();
                var (x, y) = source.Batch(null, b, null);
                var logits = model.forward(x);
                totals.Add(nn.functional.cross_entropy(logits, y), logits, y);
            }
            var (loss, accuracy) = totals.Read();
            return new EvaluationResult(loss, accuracy, (int)totals.Samples);
        }
        finally
        {
            model.train(wasTraining);
        }
    }
}
