using NinSearch.Spec;
using TorchSharp;

namespace NinSearch.Model.Training;

/// <summary>The optimizer a recipe asks for, over a model's parameters.</summary>
internal static class OptimizerFactory
{
    public static torch.optim.Optimizer Create(torch.nn.Module model, TrainingRecipe recipe) => recipe.Optimizer switch
    {
        OptimizerKind.Sgd => torch.optim.SGD(model.parameters(), recipe.LearningRate, momentum: recipe.Momentum,
            weight_decay: recipe.WeightDecay, nesterov: recipe.Nesterov && recipe.Momentum > 0),
        OptimizerKind.Adam => torch.optim.Adam(model.parameters(), recipe.LearningRate, weight_decay: recipe.WeightDecay),
        OptimizerKind.AdamW => torch.optim.AdamW(model.parameters(), recipe.LearningRate, weight_decay: recipe.WeightDecay),
        _ => throw new ArgumentOutOfRangeException(nameof(recipe), recipe.Optimizer, "unknown optimizer"),
    };
}
