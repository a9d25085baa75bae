using System.Text.Json;
using NinSearch.Spec;

namespace NinSearch.Dashboard.Ui.Architecture;

/// <summary>
/// What the architecture diagram draws for one network: the input, one row per mlpconv block (its layers, the tensor
/// after it, its parameters and MACs, from <see cref="NinAnalysis"/>), then global average pooling to the classes.
/// The blocks' parameters and MACs add up to the analysis totals (pooling, dropout and GAP have none).
/// </summary>
/// <example><code>
/// var model = BlockDiagramModel.Of(Presets.Small);
/// // model.Blocks[0].Output is 32×13×13: 5×5 conv (same padding) keeps 28×28, max-pool 3×3/2 halves it.
/// </code></example>
public sealed record BlockDiagramModel(
    string? Name,
    InputShape Input,
    IReadOnlyList<BlockRow> Blocks,
    int Classes,
    bool FinalRelu,
    long Params,
    long Macs)
{
    /// <summary>The diagram of <paramref name="spec"/>; throws <see cref="SpecException"/> when it is invalid.</summary>
    public static BlockDiagramModel Of(NinSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var analysis = NinAnalysis.Of(spec);
        var byBlock = analysis.Layers
            .Where(l => l.Kind != LayerKind.GlobalAvgPool)
            .ToLookup(l => l.Name[..l.Name.IndexOf('.', StringComparison.Ordinal)], StringComparer.Ordinal);
        var rows = spec.Blocks.Select((block, i) =>
        {
            var layers = byBlock[$"block{i + 1}"].ToList();
            var last = layers[^1];
            return new BlockRow(
                i + 1,
                block.Kernel,
                block.Stride,
                block.EffectivePadding,
                SpecValidator.ConvWidth(spec, i),
                [.. block.Pointwise.Select((_, j) => SpecValidator.PointwiseWidth(spec, i, j))],
                block.BatchNorm,
                block.Pool,
                block.Dropout is > 0 ? block.Dropout : null,
                new InputShape(last.Channels, last.Height, last.Width),
                layers.Sum(l => l.Params),
                layers.Sum(l => l.Macs));
        }).ToList();
        return new BlockDiagramModel(spec.Name, spec.Input, rows, spec.Classes, spec.FinalRelu, analysis.Params, analysis.Macs);
    }

    /// <summary>
    /// The diagram of a trial's configuration (a <see cref="TrialConfig"/> as stored, in <see cref="SpecJson"/>'s
    /// convention); null with <paramref name="error"/> when it cannot be read or analysed.
    /// </summary>
    public static BlockDiagramModel? FromConfig(JsonElement config, out string? error)
    {
        try
        {
            var trial = SpecJson.Deserialize<TrialConfig>(config.GetRawText());
            error = null;
            return Of(trial.Architecture);
        }
        catch (SpecException e)
        {
            error = e.Message;
            return null;
        }
    }
}
