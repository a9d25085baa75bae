using NinSearch.Model.Building;
using NinSearch.Model.Training;
using NinSearch.Spec;
using TorchSharp;
using static TorchSharp.torch;

namespace NinSearch.Export.Tests;

/// <summary>Tiny NiNs trained a few SGD steps on random images, so that weights and batch-norm statistics are no longer at their initial values.</summary>
internal static class TinyModels
{
    public static NinModel Train(NinSpec spec, int steps = 5, bool channelsLast = false, long seed = 3)
    {
        var model = NinModelBuilder.Build(spec, InitKind.Xavier, seed);
        if (channelsLast) ChannelsLast.Apply(model);
        using var generator = new Generator((ulong)seed);
        using var optimizer = optim.SGD(model.parameters(), 0.01, momentum: 0.9);
        model.train();
        for (var step = 0; step < steps; step++)
        {
            using var scope = NewDisposeScope();
            var x = randn([8, spec.Input.Channels, spec.Input.Height, spec.Input.Width], generator: generator);
            var y = randint(0, spec.Classes, [8], dtype: ScalarType.Int64, generator: generator);
            optimizer.zero_grad();
            var loss = nn.functional.cross_entropy(model.forward(x), y);
            loss.backward();
            optimizer.step();
            if (!float.IsFinite(loss.item<float>())) throw new InvalidOperationException($"{spec.Name}: training loss became {loss.item<float>()} at step {step}");
        }
        model.eval();
        return model;
    }

    public static byte[] Weights(NinModel model)
    {
        using var buffer = new MemoryStream();
        ModelWeights.Save(model, buffer);
        return buffer.ToArray();
    }
}
