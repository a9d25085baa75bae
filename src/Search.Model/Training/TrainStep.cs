using NinSearch.Model.Building;
using NinSearch.Spec;
using TorchSharp;
using static TorchSharp.torch;

namespace NinSearch.Model.Training;

/// <summary>One optimization step of a model under a recipe: the hot loop shared by the trainer and the benchmark.</summary>
internal sealed class TrainStep : IDisposable
{
    private readonly NinModel model;
    private readonly double labelSmoothing;

    public TrainStep(NinModel model, TrainingRecipe recipe)
    {
        this.model = model;
        labelSmoothing = recipe.LabelSmoothing;
        Optimizer = OptimizerFactory.Create(model, recipe);
    }

    public optim.Optimizer Optimizer { get; }

    /// <summary>Sets the learning rate of every parameter group.</summary>
    public void SetLearningRate(double lr)
    {
        foreach (var group in Optimizer.ParamGroups) group.LearningRate = lr;
    }

    /// <summary>Forward, loss, backward and update on one batch; adds the batch to <paramref name="totals"/>.</summary>
    public void Run(Tensor images, Tensor labels, StepTotals totals)
    {
        using var scope = NewDisposeScope();
        // Dropping the gradients (instead of zeroing them) lets backward write fresh ones without a memset.
        model.zero_grad(set_to_none: true);
        var logits = model.forward(images);
        var loss = nn.functional.cross_entropy(logits, labels, label_smoothing: labelSmoothing);
        loss.backward();
        Optimizer.step();
        totals.Add(loss, logits, labels);
    }

    public void Dispose() => Optimizer.Dispose();
}
