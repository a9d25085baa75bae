using NinSearch.Model.Training;
using NinSearch.Spec;

namespace NinSearch.Cli;

/// <summary>Writes a trained model as a folder: spec.json, recipe.json and weights.bin (TorchSharp's format).</summary>
internal static class ModelExport
{
    public static void Write(string folder, TrainingSession session)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "spec.json"), SpecJson.Serialize(session.Config.Architecture));
        File.WriteAllText(Path.Combine(folder, "recipe.json"), SpecJson.Serialize(session.Config.Training));
        using var weights = File.Create(Path.Combine(folder, "weights.bin"));
        ModelWeights.Save(session.Model, weights);
    }
}
