using NinSearch.Model.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace NinSearch.Export.Tests;

public sealed class TorchSharpWeightsTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Reads_what_TorchSharp_saves_with_every_name_shape_and_value(bool channelsLast)
    {
        using var model = TinyModels.Train(TestSpecs.BatchNormCeil, channelsLast: channelsLast);
        var tensors = TorchSharpWeights.Read(TinyModels.Weights(model));

        var state = model.state_dict();
        Assert.Equal(state.Keys, tensors.Select(t => t.Name));
        foreach (var tensor in tensors)
        {
            var expected = state[tensor.Name];
            Assert.Equal(expected.shape, tensor.Shape);
            if (tensor.DType == TensorDType.Float32)
            {
                using var flat = expected.contiguous().flatten();
                Assert.Equal(flat.data<float>().ToArray(), tensor.ToFloats());
            }
        }
        // Training moved the batch-norm statistics: the reader sees the trained values, not the initial ones.
        var runningMean = tensors.Single(t => t.Name == "features.block1.conv5x5_bn.running_mean").ToFloats();
        Assert.Contains(runningMean, v => v != 0);
    }

    [Fact]
    public void The_names_and_shapes_are_those_the_layout_predicts()
    {
        foreach (var spec in new[] { TestSpecs.BatchNormCeil, TestSpecs.PlainAvgCeil })
        {
            using var model = TinyModels.Train(spec, steps: 1);
            var tensors = TorchSharpWeights.Read(TinyModels.Weights(model));
            var layout = StateDictLayout.For(spec);
            Assert.Equal(layout.Select(e => e.Name), tensors.Select(t => t.Name));
            Assert.Equal(layout.Select(e => string.Join("x", e.Shape)), tensors.Select(t => string.Join("x", t.Shape)));
            StateDictLayout.EnsureMatches(spec, tensors);
        }
    }

    [Fact]
    public void Writing_what_was_read_gives_the_same_bytes_and_TorchSharp_loads_it()
    {
        using var model = TinyModels.Train(TestSpecs.PlainAvgCeil);
        var saved = TinyModels.Weights(model);
        using var rewritten = new MemoryStream();
        TorchSharpWeights.Write(rewritten, TorchSharpWeights.Read(saved));
        Assert.Equal(saved, rewritten.ToArray());

        rewritten.Position = 0;
        using var loaded = ModelWeights.Load(TestSpecs.PlainAvgCeil, rewritten);
        using var x = randn([2, 3, 10, 10], generator: new Generator(1));
        using var noGrad = no_grad();
        using var a = model.forward(x);
        using var b = loaded.forward(x);
        Assert.True(a.allclose(b, rtol: 0, atol: 0));
    }

    [Fact]
    public void Truncated_or_padded_files_are_refused_with_a_reason()
    {
        using var model = TinyModels.Train(TestSpecs.PlainAvgCeil, steps: 1);
        var saved = TinyModels.Weights(model);
        var truncated = Assert.Throws<InvalidDataException>(() => TorchSharpWeights.Read(saved[..^3]));
        Assert.Contains("truncated", truncated.Message);
        var padded = Assert.Throws<InvalidDataException>(() => TorchSharpWeights.Read(saved.Concat(new byte[] { 0 }).ToArray()));
        Assert.Contains("after the last", padded.Message);
        Assert.Throws<InvalidDataException>(() => TorchSharpWeights.Read(new byte[] { 1, 3, (byte)'a', (byte)'b', (byte)'c', 8 }));
    }
}
