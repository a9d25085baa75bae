using NinSearch.Spec;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NinSearch.Model.Building;

/// <summary>
/// A Network-in-Network built from a <see cref="NinSpec"/>: one named <see cref="Sequential"/> per mlpconv block
/// (<c>block1</c>, <c>block2</c>, ...) and a head of global average pooling and flattening. Input is
/// [batch, channels, height, width] float; output is [batch, classes] logits. Build it with <see cref="NinModelBuilder"/>.
/// </summary>
public sealed class NinModel : nn.Module<Tensor, Tensor>
{
    private readonly Sequential features;
    private readonly Sequential head;

    internal NinModel(NinSpec spec, Sequential features, Sequential head) : base(spec.Name ?? "nin")
    {
        Spec = spec;
        this.features = features;
        this.head = head;
        RegisterComponents();
    }

    /// <summary>The spec this network was built from.</summary>
    public NinSpec Spec { get; }

    /// <summary>Number of trainable parameters; equals <see cref="NinAnalysis.Params"/> of <see cref="Spec"/>.</summary>
    public long ParameterCount => parameters().Sum(p => p.numel());

    public override Tensor forward(Tensor input)
    {
        using var x = features.forward(input);
        return head.forward(x);
    }

    /// <summary>
    /// Runs <paramref name="input"/> through the network and reports the output shape (without batch) of every
    /// layer that <see cref="NinAnalysis"/> lists, under the same names, so the two can be compared.
    /// </summary>
    public IReadOnlyList<(string Name, long[] Shape)> TraceShapes(Tensor input)
    {
        var shapes = new List<(string, long[])>();
        using var scope = NewDisposeScope();
        var x = input;
        foreach (var (blockName, block) in features.named_children())
        {
            foreach (var (layerName, layer) in block.named_children())
            {
                x = ((nn.Module<Tensor, Tensor>)layer).forward(x);
                if (!layerName.EndsWith("_relu", StringComparison.Ordinal))
                    shapes.Add(($"{blockName}.{layerName.Replace("_bn", ".bn", StringComparison.Ordinal)}", x.shape[1..]));
            }
        }
        x = head.forward(x);
        shapes.Add(("global_avg_pool", [x.shape[1], 1, 1]));
        return shapes;
    }
}
