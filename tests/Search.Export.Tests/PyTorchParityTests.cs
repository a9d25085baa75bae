using System.Text.Json;
using NinSearch.Spec;
using TorchSharp;
using static TorchSharp.torch;

namespace NinSearch.Export.Tests;

/// <summary>
/// The export's promise: plain PyTorch, with nothing but the exported folder and its model.py, computes the same
/// logits as TorchSharp did for the trained model.
/// </summary>
public sealed class PyTorchParityTests
{
    private const double Tolerance = 1e-4;

    [PythonTorchFact]
    public void PyTorch_logits_equal_TorchSharp_logits_with_batch_norm_ceil_mode_max_pooling_and_final_relu() =>
        AssertParity(TestSpecs.BatchNormCeil, channelsLast: true);

    [PythonTorchFact]
    public void PyTorch_logits_equal_TorchSharp_logits_without_batch_norm_with_ceil_mode_avg_pooling() =>
        AssertParity(TestSpecs.PlainAvgCeil, channelsLast: false);

    private static void AssertParity(NinSpec spec, bool channelsLast)
    {
        using var model = TinyModels.Train(spec, steps: 6, channelsLast: channelsLast);
        var config = TestSpecs.Config(spec);
        var prep = TestSpecs.PreprocessingFor(spec);
        using var folder = new TempFolder();
        var export = folder.File("export");
        ExportBundle.Create(config, TinyModels.Weights(model), new ExportInfo { Preprocessing = prep, EpochsRun = 1 }).WriteFolder(export);

        // A fixed float batch (logits of the raw network) and a fixed uint8 batch (the normalize helper).
        var (c, h, w) = (spec.Input.Channels, spec.Input.Height, spec.Input.Width);
        using var generator = new Generator(17);
        using var x = randn([5, c, h, w], generator: generator);
        using var pixels = randint(0, 256, [5, c, h, w], dtype: ScalarType.Byte, generator: generator);
        File.WriteAllBytes(folder.File("x.f32"), x.data<float>().ToArray().SelectMany(BitConverter.GetBytes).ToArray());
        File.WriteAllBytes(folder.File("pixels.u8"), pixels.data<byte>().ToArray());
        float[] expected, expectedFromPixels;
        using (no_grad())
        {
            using var logits = model.forward(x);
            expected = logits.data<float>().ToArray();
            using var mean = tensor(prep.Mean.Select(m => (float)m).ToArray(), [1, c, 1, 1]);
            using var std = tensor(prep.Std.Select(s => (float)s).ToArray(), [1, c, 1, 1]);
            using var scope = NewDisposeScope();
            var normalized = (pixels.to(ScalarType.Float32) / 255f - mean) / std;
            expectedFromPixels = model.forward(normalized).data<float>().ToArray();
        }
        Assert.All(expected.Concat(expectedFromPixels), v => Assert.True(float.IsFinite(v), "TorchSharp logits are not finite"));

        var output = PythonTorch.Run($$"""
            import json, sys, torch
            sys.path.insert(0, {{JsonSerializer.Serialize(export)}})
            import model
            net = model.load({{JsonSerializer.Serialize(export)}})
            shape = [5, {{c}}, {{h}}, {{w}}]
            x = torch.frombuffer(bytearray(open({{JsonSerializer.Serialize(folder.File("x.f32"))}}, "rb").read()), dtype=torch.float32).reshape(shape)
            pixels = torch.frombuffer(bytearray(open({{JsonSerializer.Serialize(folder.File("pixels.u8"))}}, "rb").read()), dtype=torch.uint8).reshape(shape)
            with torch.no_grad():
                logits = net(x)
                from_pixels = net(net.normalize(pixels))
            print(json.dumps({
                "training": net.training,
                "logits": logits.flatten().tolist(),
                "from_pixels": from_pixels.flatten().tolist(),
                "predict": net.predict(pixels),
            }))
            """, TimeSpan.FromMinutes(3));

        using var result = JsonDocument.Parse(output);
        var root = result.RootElement;
        Assert.False(root.GetProperty("training").GetBoolean());
        AssertClose(expected, root.GetProperty("logits"));
        AssertClose(expectedFromPixels, root.GetProperty("from_pixels"));
        var predicted = root.GetProperty("predict").EnumerateArray().Select(e => e.GetString()).ToArray();
        var expectedNames = expectedFromPixels.Chunk(spec.Classes)
            .Select(row => prep.ClassNames[Array.IndexOf(row, row.Max())]).ToArray();
        Assert.Equal(expectedNames, predicted);
    }

    private static void AssertClose(float[] expected, JsonElement actual)
    {
        var values = actual.EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.Equal(expected.Length, values.Length);
        var worst = expected.Zip(values, (a, b) => Math.Abs(a - b)).Max();
        Assert.True(worst < Tolerance, $"max |TorchSharp - PyTorch| = {worst:G3}, over the {Tolerance} tolerance");
        // Not a vacuous match: the logits differ between images and classes.
        Assert.True(expected.Max() - expected.Min() > 1e-3, "logits are all equal; the model is degenerate");
    }
}
