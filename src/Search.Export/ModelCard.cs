using System.Globalization;
using System.Text;
using NinSearch.Spec;

namespace NinSearch.Export;

/// <summary>
/// The export's <c>README.md</c> (a model card: what the model is, how good, where it came from, how to load it)
/// and its <c>curve.csv</c>. Output depends only on the inputs, so the same trial always exports the same card.
/// </summary>
public static class ModelCard
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The model card in Markdown.</summary>
    public static string Markdown(TrialConfig config, ExportInfo info)
    {
        var spec = config.Architecture;
        var analysis = NinAnalysis.Of(spec);
        var prep = info.Preprocessing;
        var md = new StringBuilder();
        md.AppendLine(Invariant, $"# {spec.Name ?? "NiN"}: a {prep.Dataset} classifier found by NinSearch");
        md.AppendLine();
        md.AppendLine("A Network-in-Network image classifier. This folder is self-contained: it loads in plain PyTorch with");
        md.AppendLine("`model.py` (no NinSearch, no `safetensors` package), or in TorchSharp from `spec.json` and `weights.bin`.");
        md.AppendLine();
        md.AppendLine("| | |");
        md.AppendLine("|---|---|");
        md.AppendLine(Invariant, $"| Test accuracy | {Percent(info.TestAccuracy)} |");
        md.AppendLine(Invariant, $"| Validation accuracy | {ValidationLine(info)} |");
        md.AppendLine(Invariant, $"| Weights | {WeightsLine(info)} |");
        md.AppendLine(Invariant, $"| Parameters | {analysis.Params.ToString("N0", Invariant)} |");
        md.AppendLine(Invariant, $"| MACs per image | {analysis.Macs.ToString("N0", Invariant)} |");
        md.AppendLine(Invariant, $"| Input | float32 [N, {prep.Input.Channels}, {prep.Input.Height}, {prep.Input.Width}], normalized as below |");
        md.AppendLine(Invariant, $"| Classes | {spec.Classes}{(prep.ClassNames.Count > 0 ? ": " + string.Join(", ", prep.ClassNames) : "")} |");
        md.AppendLine(Invariant, $"| Data | {DataLine(info)} |");
        md.AppendLine(Invariant, $"| Training | {Name(config.Training.Optimizer)} lr {config.Training.LearningRate.ToString("G4", Invariant)}, {Name(config.Training.Schedule)} schedule, batch {config.Training.BatchSize}, {config.Training.Epochs} epochs budgeted, seed {config.Training.Seed} (full recipe in `recipe.json`) |");
        md.AppendLine(Invariant, $"| Source | {SourceLine(info)} |");
        md.AppendLine();
        md.AppendLine("## Load it in PyTorch");
        md.AppendLine();
        md.AppendLine("```python");
        md.AppendLine("import model                      # model.py from this folder; needs only torch");
        md.AppendLine("net = model.load(\"path/to/this/folder\")");
        md.AppendLine("print(net.predict(images))        # images: uint8 tensor [N, C, H, W], 0..255 -> class names");
        md.AppendLine("```");
        md.AppendLine();
        md.AppendLine("`net(x)` gives logits for an input already normalized with `net.normalize(images)`. The weights are");
        md.AppendLine("also plain safetensors (`model.safetensors`; state-dict keys as in `model.py`), readable by any safetensors loader.");
        md.AppendLine();
        md.AppendLine("## Preprocessing");
        md.AppendLine();
        md.AppendLine(Invariant, $"Per channel c: `x = (pixel / {Number(prep.PixelScale)} - mean[c]) / std[c]`, images in [N, C, H, W] order (`preprocessing.json`).");
        md.AppendLine();
        md.AppendLine(Invariant, $"- mean: [{string.Join(", ", prep.Mean.Select(Number))}]");
        md.AppendLine(Invariant, $"- std: [{string.Join(", ", prep.Std.Select(Number))}]");
        md.AppendLine();
        md.AppendLine("## Architecture");
        md.AppendLine();
        md.AppendLine("| layer | output | params | MACs |");
        md.AppendLine("|---|---|---:|---:|");
        foreach (var layer in analysis.Layers)
            md.AppendLine(Invariant, $"| {layer.Name} | {layer.Shape} | {layer.Params.ToString("N0", Invariant)} | {layer.Macs.ToString("N0", Invariant)} |");
        md.AppendLine();
        md.AppendLine("## Learning curve");
        md.AppendLine();
        if (info.Curve.Count == 0)
        {
            md.AppendLine("No epochs were recorded.");
        }
        else
        {
            md.AppendLine("Also in `curve.csv`. Training loss includes label smoothing when the recipe uses it.");
            md.AppendLine();
            md.AppendLine("| epoch | train loss | train acc | val loss | val acc |");
            md.AppendLine("|---:|---:|---:|---:|---:|");
            foreach (var p in info.Curve)
            {
                var mark = p.Epoch == info.WeightsEpoch ? " ← weights" : "";
                md.AppendLine(Invariant, $"| {p.Epoch}{mark} | {p.TrainLoss.ToString("F4", Invariant)} | {Percent(p.TrainAccuracy)} | {p.ValidationLoss.ToString("F4", Invariant)} | {Percent(p.ValidationAccuracy)} |");
            }
        }
        md.AppendLine();
        md.AppendLine("## Files");
        md.AppendLine();
        md.AppendLine("- `spec.json`: the architecture (NinSearch spec); `recipe.json`: the training recipe");
        md.AppendLine("- `model.safetensors`: the weights for PyTorch; `weights.bin`: the same in TorchSharp's `Module.save` format");
        md.AppendLine("- `preprocessing.json`: input shape, normalization, class names; `model.py`: the PyTorch loader");
        md.AppendLine("- `curve.csv`: the learning curve; `trial.json`: these facts as JSON");
        return md.ToString();
    }

    /// <summary>The learning curve as CSV: <c>epoch,train_loss,train_accuracy,val_loss,val_accuracy</c>.</summary>
    public static string CurveCsv(ExportInfo info)
    {
        var csv = new StringBuilder("epoch,train_loss,train_accuracy,val_loss,val_accuracy\n");
        foreach (var p in info.Curve)
            csv.Append(Invariant, $"{p.Epoch},{Number(p.TrainLoss)},{Number(p.TrainAccuracy)},{Number(p.ValidationLoss)},{Number(p.ValidationAccuracy)}\n");
        return csv.ToString();
    }

    private static string ValidationLine(ExportInfo info)
    {
        var best = info.BestEpoch;
        var weights = info.WeightsPoint;
        if (best is null) return "not recorded";
        if (weights is null || weights.Epoch == best.Epoch)
            return $"{Percent(best.ValidationAccuracy)} (best epoch, {best.Epoch})";
        return $"{Percent(weights.ValidationAccuracy)} at the weights' epoch {weights.Epoch}; best {Percent(best.ValidationAccuracy)} at epoch {best.Epoch}";
    }

    private static string WeightsLine(ExportInfo info)
    {
        var best = info.BestEpoch?.Epoch;
        return info.WeightsEpoch switch
        {
            null => $"final weights after {info.EpochsRun} epochs (the epoch they come from was not recorded)",
            { } e when e == best => $"epoch {e} of {info.EpochsRun}: the best validation epoch, by which the trial is ranked",
            { } e => $"epoch {e} of {info.EpochsRun}{(best is { } b ? $" (the best validation epoch, {b}, was not kept)" : "")}",
        };
    }

    private static string DataLine(ExportInfo info)
    {
        var parts = new List<string> { info.Preprocessing.Dataset };
        if (info.ValidationFraction is { } fraction)
            parts.Add($"{Percent(fraction)} of the training files held out for validation");
        if (info.SplitSeed is { } seed) parts.Add($"split seed {seed}");
        if (info.TrainSubset is { } subset) parts.Add($"trained on a subset of {subset.ToString("N0", Invariant)} images");
        parts.Add("test accuracy on the dataset's test files");
        return string.Join(", ", parts);
    }

    private static string SourceLine(ExportInfo info)
    {
        var parts = new List<string>();
        if (info.CampaignId is { } campaign) parts.Add($"campaign `{campaign}`");
        if (info.TrialNumber is { } number) parts.Add($"trial #{number}");
        if (info.TrialId is { } id) parts.Add($"trial id `{id}`");
        return parts.Count == 0 ? "a single training run" : string.Join(", ", parts);
    }

    private static string Percent(double? value) => value is { } v ? v.ToString("P2", Invariant) : "not evaluated";

    private static string Number(double value) => value.ToString("R", Invariant);

    // Enum values as recipe.json spells them (the project's one JSON convention), not as C# names.
    private static string Name<T>(T value) where T : struct, Enum => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());
}
