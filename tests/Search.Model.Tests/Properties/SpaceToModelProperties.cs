using CsCheck;
using NinSearch.Core.Samplers;
using NinSearch.Core.Spaces;
using NinSearch.Model.Building;
using NinSearch.Spec;

namespace NinSearch.Model.Tests.Properties;

/// <summary>
/// Property: from any valid search space, a sampled configuration maps to a spec whose TorchSharp network has
/// exactly the parameter count <see cref="NinAnalysis"/> computes. Sizes stay tiny so each case builds in milliseconds.
/// </summary>
public class SpaceToModelProperties
{
    private static readonly string[] Pools = ["max", "avg", "none"];

    // A random valid NiN space: 1–3 blocks of 2–24 channels, kernels, 1×1 depth, pooling and batch norm, blocks beyond the first conditional on "blocks".
    private static readonly Gen<SearchSpace> Spaces =
        Gen.Select(Gen.Int[1, 3], Gen.Int[2, 12], Gen.Int[0, 12], Gen.Int[1, 4], Gen.Int[0, 7], Gen.Bool, Gen.Int[0, 2])
            .Select(t =>
            {
                var (maxBlocks, low, extra, step, poolMask, bothNorms, kernelSet) = t;
                var dimensions = new List<Dimension> { new IntDimension(NinDimensions.Blocks, 1, maxBlocks) };
                for (var i = 1; i <= maxBlocks; i++)
                {
                    var when = i == 1 ? null : new DimensionCondition(NinDimensions.Blocks, Min: i);
                    dimensions.Add(new IntDimension(NinDimensions.Width(i), low, low + extra / step * step, step, when));
                    dimensions.Add(new CategoricalDimension(NinDimensions.Kernel(i), kernelSet switch
                    {
                        0 => [ParamValue.OfInt(1)],
                        1 => [ParamValue.OfInt(3)],
                        _ => [ParamValue.OfInt(1), ParamValue.OfInt(3), ParamValue.OfInt(5)],
                    }, when));
                    dimensions.Add(new IntDimension(NinDimensions.Pointwise(i), 0, 2, when: when));
                    var pools = Pools.Where((_, k) => (poolMask & (1 << k)) != 0).DefaultIfEmpty("none").Select(ParamValue.OfString).ToList();
                    dimensions.Add(new CategoricalDimension(NinDimensions.Pool(i), pools, when));
                }
                dimensions.Add(new CategoricalDimension(NinDimensions.BatchNorm, bothNorms ? [ParamValue.OfBool(false), ParamValue.OfBool(true)] : [ParamValue.OfBool(false)]));
                return new SearchSpace(dimensions);
            });

    [Fact]
    public void A_sampled_configuration_builds_a_network_with_the_analytic_parameter_count()
    {
        Gen.Select(Spaces, Gen.Long, Gen.Int[0, 3]).Sample((space, seed, sampler) =>
        {
            var mapper = new ConfigurationMapper(space, InputShape.Gray28, 10);
            var configuration = SamplerFactory.Create((SamplerKind)sampler, space, seed).Suggest(0);
            Assert.True(space.Contains(configuration), SearchSpaceJson.WriteConfiguration(configuration));
            var result = mapper.Map(configuration);
            // Pooling three times can shrink 28×28 below a kernel; the mapper rejects that as an invalid architecture.
            if (!result.IsAccepted)
            {
                Assert.Equal(RejectionReason.InvalidArchitecture, result.Rejection!.Reason);
                return;
            }
            var spec = result.Trial!.Architecture;
            using var model = NinModelBuilder.Build(spec);
            Assert.Equal(NinAnalysis.Of(spec).Params, model.ParameterCount);
            Assert.Equal(result.Params, model.ParameterCount);
        }, iter: 60, threads: 1);
    }
}
