using NinSearch.Core.Samplers;
using NinSearch.Core.Spaces;
using NinSearch.Spec;

namespace NinSearch.Core.Tests;

public class MapperTests
{
    [Fact]
    public void Candidates_over_the_parameter_limit_are_rejected_with_the_reason()
    {
        var mapper = new ConfigurationMapper(DefaultSpaces.FashionMnist, InputShape.Gray28, 10, new MapperOptions { Constraints = new(MaxParams: 100_000) });
        var result = mapper.Map(SearchSpaceJson.ReadConfiguration(DefaultSpaces.FashionMnist, SpaceTests.StrongRecipe));
        Assert.False(result.IsAccepted);
        Assert.Equal(RejectionReason.TooManyParams, result.Rejection!.Reason);
        Assert.Contains("max_params", result.Rejection.Message);
        Assert.True(result.Params > 100_000);
    }

    [Fact]
    public void Candidates_over_the_mac_limit_are_rejected_with_the_reason()
    {
        var space = DefaultSpaces.FashionMnist;
        // No pooling before 256-wide 5×5 convolutions at full 28×28 resolution: about 1.3 G MACs.
        var json = SpaceTests.StrongRecipe.Replace("\"pool_1\":\"max\"", "\"pool_1\":\"none\"").Replace("\"pool_2\":\"max\"", "\"pool_2\":\"none\"")
            .Replace("\"width_2\":192", "\"width_2\":256").Replace("\"width_3\":192", "\"width_3\":256");
        var result = new ConfigurationMapper(space, InputShape.Gray28, 10).Map(SearchSpaceJson.ReadConfiguration(space, json));
        Assert.Equal(RejectionReason.TooManyMacs, result.Rejection!.Reason);
        Assert.True(result.Macs > 400_000_000);
    }

    [Fact]
    public void Architectures_that_collapse_the_input_are_rejected_as_invalid()
    {
        var space = SearchSpaceJson.Read("""
            {"dimensions":[{"name":"blocks","type":"int","low":4,"high":4},
              {"name":"pool_1","type":"categorical","choices":["max"]},{"name":"pool_2","type":"categorical","choices":["max"]},
              {"name":"pool_3","type":"categorical","choices":["max"]}]}
            """);
        var mapper = new ConfigurationMapper(space, new InputShape(1, 8, 8), 10);
        var result = mapper.Map(space.Decode(new double?[] { 4, 0, 0, 0 }));
        Assert.Equal(RejectionReason.InvalidArchitecture, result.Rejection!.Reason);
        Assert.Contains("blocks[", result.Rejection.Message);
    }

    [Theory]
    [InlineData("""{"dimensions":[{"name":"depth","type":"int","low":2,"high":4}]}""", "depth")]
    [InlineData("""{"dimensions":[{"name":"optimizer","type":"categorical","choices":["sgd","lion"]}]}""", "optimizer")]
    [InlineData("""{"dimensions":[{"name":"width_1","type":"float","low":32,"high":64}]}""", "width_1")]
    [InlineData("""{"dimensions":[{"name":"batch_norm","type":"categorical","choices":[1,0]}]}""", "batch_norm")]
    public void The_mapper_refuses_dimensions_it_cannot_map(string json, string dimension)
    {
        var error = Assert.Throws<SearchSpaceException>(() => new ConfigurationMapper(SearchSpaceJson.Read(json), InputShape.Gray28, 10));
        Assert.Equal(dimension, error.Dimension);
    }

    [Fact]
    public void Thousands_of_samples_from_the_default_space_all_become_valid_trials_or_typed_rejections()
    {
        var space = DefaultSpaces.FashionMnist;
        var mapper = new ConfigurationMapper(space, InputShape.Gray28, 10);
        var rng = new DeterministicRandom(2024);
        var (accepted, rejected) = (0, 0);
        for (var i = 0; i < 4000; i++)
        {
            var configuration = space.Decode(SpaceOps.SampleUniform(space, rng));
            Assert.True(space.Contains(configuration));
            var result = mapper.Map(configuration, seed: i);
            Assert.True(result.IsAccepted ^ (result.Rejection is not null));
            if (result.IsAccepted)
            {
                accepted++;
                Assert.Empty(SpecValidator.Validate(result.Trial!.Architecture));
                Assert.True(result.Params <= 3_000_000 && result.Macs <= 400_000_000);
                Assert.Equal(SpecJson.Serialize(result.Trial), SpecJson.Serialize(SpecJson.Deserialize<TrialConfig>(SpecJson.Serialize(result.Trial))));
            }
            else
            {
                rejected++;
                Assert.True(Enum.IsDefined(result.Rejection!.Reason));
                Assert.False(string.IsNullOrWhiteSpace(result.Rejection.Message));
            }
        }
        Assert.True(accepted > 1000, $"{accepted} accepted");
        Assert.True(rejected > 0, "the constraints never rejected anything");
    }
}
