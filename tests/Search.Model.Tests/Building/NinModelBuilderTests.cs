using NinSearch.Model.Building;
using NinSearch.Spec;
using TorchSharp;

namespace NinSearch.Model.Tests.Building;

public sealed class NinModelBuilderTests
{
    public static TheoryData<string> PresetNames => [.. Presets.All.Keys];

    [Theory]
    [MemberData(nameof(PresetNames))]
    public void Preset_matches_its_analysis(string name) => AssertMatchesAnalysis(Presets.Get(name));

    [Fact]
    public void Random_valid_specs_match_their_analysis()
    {
        var random = new Random(2);
        var checkedSpecs = 0;
        while (checkedSpecs < 50)
        {
            var spec = RandomSpecs.Next(random);
            if (SpecValidator.Validate(spec).Count > 0) continue;
            AssertMatchesAnalysis(spec);
            checkedSpecs++;
        }
    }

    [Fact]
    public void Same_seed_gives_same_weights_and_other_seed_does_not()
    {
        using var a = NinModelBuilder.Build(Presets.Small, InitKind.Xavier, seed: 7);
        using var b = NinModelBuilder.Build(Presets.Small, InitKind.Xavier, seed: 7);
        using var c = NinModelBuilder.Build(Presets.Small, InitKind.Xavier, seed: 8);
        var (pa, pb, pc) = (a.parameters().First(), b.parameters().First(), c.parameters().First());
        Assert.True(pa.equal(pb).all().item<bool>());
        Assert.False(pa.equal(pc).all().item<bool>());
    }

    [Fact]
    public void Last_convolution_has_relu_only_when_the_spec_asks()
    {
        using var plain = NinModelBuilder.Build(Presets.Small);
        using var paper = NinModelBuilder.Build(Presets.PaperCifar);
        Assert.DoesNotContain(plain.named_modules(), m => m.name == "features.block3.mlp1_relu");
        Assert.Contains(paper.named_modules(), m => m.name == "features.block3.mlp2_relu");
        // Logits of the plain network can be negative; behind a ReLU they cannot.
        using var x = torch.randn(4, 1, 28, 28);
        plain.eval();
        using var logits = plain.forward(x);
        Assert.True(logits.min().item<float>() < 0);
    }

    [Theory]
    [InlineData(InitKind.Xavier)]
    [InlineData(InitKind.Kaiming)]
    [InlineData(InitKind.Default)]
    public void Every_init_gives_finite_outputs(InitKind init)
    {
        using var model = NinModelBuilder.Build(Presets.Small, init, seed: 1);
        model.eval();
        using var x = torch.randn(2, 1, 28, 28);
        using var y = model.forward(x);
        Assert.True(y.isfinite().all().item<bool>());
    }

    private static void AssertMatchesAnalysis(NinSpec spec)
    {
        var analysis = NinAnalysis.Of(spec);
        using var model = NinModelBuilder.Build(spec, InitKind.Xavier, seed: 1);
        Assert.Equal(analysis.Params, model.ParameterCount);

        model.eval();
        using var input = torch.zeros(2, spec.Input.Channels, spec.Input.Height, spec.Input.Width);
        var traced = model.TraceShapes(input);
        var expected = analysis.Layers.Select(l => $"{l.Name} {l.Channels}x{l.Height}x{l.Width}").ToList();
        var actual = traced.Select(t => $"{t.Name} {string.Join("x", t.Shape)}").ToList();
        Assert.Equal(expected, actual);

        using var output = model.forward(input);
        Assert.Equal(new long[] { 2, spec.Classes }, output.shape);
    }
}
