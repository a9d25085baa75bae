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

    /// <summary>Builds <paramref name="spec"/> and loads weights saved by <see cref="Save"/>; throws when they do not
    /// fit the spec.</summary>
    public static NinModel Load(NinSpec spec, Stream stream, string device = "cpu")
    {
        var model = NinModelBuilder.Build(spec, InitKind.Default);
        try
        {
            using (var reader = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true)) model.load(reader);
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
}
