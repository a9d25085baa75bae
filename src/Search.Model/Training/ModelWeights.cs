using NinSearch.Model.Building;
using NinSearch.Model.Devices;
using NinSearch.Spec;
using TorchSharp;

namespace NinSearch.Model.Training;

/// <summary>
/// Trained weights in TorchSharp's save format (parameters and batch-norm buffers). Together with the spec's JSON
/// they are an exported model: <c>Load(spec, stream)</c> rebuilds the network.
/// </summary>
public static class ModelWeights
{
    public static void Save(NinModel model, Stream stream)
    {
        using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        using (ContiguousState.For(model)) model.save(writer);
    }

    /// <summary>Builds <paramref name="spec"/> and loads weights saved by <see cref="Save"/>; throws
    /// <see cref="InvalidDataException"/> when they do not fit the spec (truncated, or saved from another architecture).</summary>
    public static NinModel Load(NinSpec spec, Stream stream, string device = "cpu")
    {
        var model = NinModelBuilder.Build(spec, InitKind.Default);
        try
        {
            try
            {
                using (var reader = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true)) model.load(reader);
            }
            // TorchSharp says ArgumentException for a shape that differs and EndOfStreamException for a short file.
            catch (Exception e) when (e is ArgumentException or IOException or FormatException)
            {
                throw new InvalidDataException($"the weights do not fit the architecture {spec.Name ?? "in spec.json"} (truncated, or saved from another one): {e.Message}", e);
            }
            model.to(ComputeDevice.Resolve(device));
            model.eval();
            return model;
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>As <see cref="Load(NinSpec, Stream, string)"/> from a file, whose path every error names.</summary>
    public static NinModel Load(NinSpec spec, string path, string device = "cpu")
    {
        using var stream = File.OpenRead(path);
        try
        {
            return Load(spec, stream, device);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e.InnerException);
        }
    }
}
