using System.IO.Compression;
using System.Text;
using System.Text.Json;
using NinSearch.Spec;

namespace NinSearch.Export;

/// <summary>
/// Everything needed to use a trained model without NinSearch, as a set of files: <c>spec.json</c>,
/// <c>recipe.json</c>, <c>weights.bin</c> (TorchSharp), <c>model.safetensors</c> (PyTorch), <c>preprocessing.json</c>,
/// <c>model.py</c>, <c>README.md</c> (model card), <c>curve.csv</c> and <c>trial.json</c>. Built without libtorch,
/// so the silo and the dashboard can serve exports. Immutable once created; safe to share between threads.
/// </summary>
/// <example>
/// <code>
/// var bundle = ExportBundle.Create(config, trialResult.Weights, new ExportInfo { Preprocessing = Preprocessing.Parse(json), ... });
/// bundle.WriteFolder("exports/best");             // or: await bundle.WriteZipAsync(response.Body, ct);
/// </code>
/// </example>
public sealed class ExportBundle
{
    private ExportBundle(IReadOnlyList<ExportFile> files) => Files = files;

    /// <summary>The files, in a fixed order.</summary>
    public IReadOnlyList<ExportFile> Files { get; }

    /// <summary>
    /// Builds the export of <paramref name="config"/>'s network with <paramref name="weights"/> in TorchSharp's
    /// <c>Module.save</c> format (what the worker reports and <c>ModelWeights.Save</c> writes). Throws
    /// <see cref="SpecException"/> for an invalid spec, <see cref="InvalidDataException"/> when the weights are
    /// not in that format or do not fit the spec, and <see cref="ArgumentException"/> when the preprocessing does
    /// not fit the spec (input shape, class count).
    /// </summary>
    public static ExportBundle Create(TrialConfig config, ReadOnlyMemory<byte> weights, ExportInfo info)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(info);
        var spec = config.Architecture;
        SpecValidator.EnsureValid(spec);
        var prep = info.Preprocessing;
        prep.Validate();
        if (prep.Input != spec.Input)
            throw new ArgumentException($"preprocessing is for {prep.Input} inputs, the spec takes {spec.Input}");
        if (prep.ClassNames.Count > 0 && prep.ClassNames.Count != spec.Classes)
            throw new ArgumentException($"preprocessing names {prep.ClassNames.Count} classes, the spec has {spec.Classes}");
        var tensors = TorchSharpWeights.Read(weights);
        StateDictLayout.EnsureMatches(spec, tensors);

        var specJson = SpecJson.Serialize(spec);
        var metadata = new Dictionary<string, string>
        {
            // "format": "pt" is the convention Hugging Face tools read to treat the file as PyTorch weights.
            ["format"] = "pt",
            ["producer"] = "NinSearch",
            ["spec"] = specJson,
        };
        return new ExportBundle(
        [
            Text("README.md", ModelCard.Markdown(config, info)),
            Text("spec.json", specJson),
            Text("recipe.json", SpecJson.Serialize(config.Training)),
            Text("preprocessing.json", prep.ToJson()),
            new ExportFile("model.safetensors", Safetensors.Serialize(tensors, metadata)),
            new ExportFile("weights.bin", weights.ToArray()),
            Text(PythonLoader.FileName, PythonLoader.Source),
            Text("curve.csv", ModelCard.CurveCsv(info)),
            Text("trial.json", TrialJson(spec, info)),
        ]);
    }

    /// <summary>Writes the files into <paramref name="folder"/> (created if missing; same-named files are replaced).</summary>
    public void WriteFolder(string folder)
    {
        Directory.CreateDirectory(folder);
        foreach (var file in Files) File.WriteAllBytes(Path.Combine(folder, file.Name), file.Content.ToArray());
    }

    /// <summary>Writes the files into <paramref name="folder"/>; see <see cref="WriteFolder"/>.</summary>
    public async Task WriteFolderAsync(string folder, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(folder);
        foreach (var file in Files)
            await File.WriteAllBytesAsync(Path.Combine(folder, file.Name), file.Content, cancellationToken);
    }

    /// <summary>The export as a zip archive, files at its root, in memory.</summary>
    public byte[] ToZip()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var file in Files)
            {
                // A fixed time stamp keeps the archive byte-for-byte repeatable.
                var entry = zip.CreateEntry(file.Name, CompressionLevel.Optimal);
                entry.LastWriteTime = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
                using var content = entry.Open();
                content.Write(file.Content.Span);
            }
        }
        return buffer.ToArray();
    }

    /// <summary>
    /// Writes the zip archive to <paramref name="destination"/> asynchronously (e.g. an HTTP response body, which
    /// refuses synchronous writes); the archive is built in memory first (an export is a few megabytes).
    /// </summary>
    public async Task WriteZipAsync(Stream destination, CancellationToken cancellationToken = default) =>
        await destination.WriteAsync(ToZip(), cancellationToken);

    private static ExportFile Text(string name, string content) => new(name, Encoding.UTF8.GetBytes(content));

    private static string TrialJson(NinSpec spec, ExportInfo info)
    {
        var analysis = NinAnalysis.Of(spec);
        return JsonSerializer.Serialize(new
        {
            campaign_id = info.CampaignId,
            trial_id = info.TrialId,
            trial = info.TrialNumber,
            dataset = info.Preprocessing.Dataset,
            test_accuracy = info.TestAccuracy,
            best_val_accuracy = info.BestEpoch?.ValidationAccuracy,
            best_epoch = info.BestEpoch?.Epoch,
            weights_epoch = info.WeightsEpoch,
            weights_val_accuracy = info.WeightsPoint?.ValidationAccuracy,
            epochs = info.EpochsRun,
            @params = analysis.Params,
            macs = analysis.Macs,
            validation_fraction = info.ValidationFraction,
            split_seed = info.SplitSeed,
            train_subset = info.TrainSubset,
        }, TrialJsonOptions);
    }

    private static readonly JsonSerializerOptions TrialJsonOptions = new() { WriteIndented = true };
}
