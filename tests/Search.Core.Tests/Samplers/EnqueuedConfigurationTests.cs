using NinSearch.Core.Samplers;
using NinSearch.Core.Spaces;

namespace NinSearch.Core.Tests;

public class EnqueuedConfigurationTests
{
    private static readonly SearchSpace Space = DefaultSpaces.FashionMnist;

    [Fact]
    public void A_partial_configuration_keeps_its_values_and_is_filled_the_same_way_every_time()
    {
        var given = new Dictionary<string, ParamValue> { ["blocks"] = ParamValue.OfInt(3), ["lr"] = ParamValue.OfFloat(0.05) };

        var first = EnqueuedConfiguration.Complete(Space, given, seed: 7, trialId: 0);
        var again = EnqueuedConfiguration.Complete(Space, given, seed: 7, trialId: 0);
        var otherTrial = EnqueuedConfiguration.Complete(Space, given, seed: 7, trialId: 1);

        Assert.True(Space.Contains(first));
        Assert.Equal((3L, 0.05), (first.GetInt("blocks"), first.GetDouble("lr")));
        Assert.Equal(first, again);
        Assert.NotEqual(first, otherTrial);
    }

    [Fact]
    public void A_complete_configuration_is_returned_as_given()
    {
        var sampled = SamplerFactory.Create(SamplerKind.Random, Space, seed: 3).Suggest(0);

        Assert.Equal(sampled, EnqueuedConfiguration.Complete(Space, sampled.Values, seed: 99, trialId: 5));
    }

    [Fact]
    public void A_value_for_an_inactive_dimension_is_refused_naming_it()
    {
        var block = Space.Dimensions.First(d => d.When is not null);
        var parent = Space[block.When!.Dimension];
        var inactive = parent.Values!.First(v => !block.When.IsSatisfiedBy(v));
        var given = new Dictionary<string, ParamValue> { [parent.Name] = inactive, [block.Name] = block.Decode(block.FromUnit(0.5)) };

        var error = Assert.Throws<SearchSpaceException>(() => EnqueuedConfiguration.Complete(Space, given, 0, 0));
        Assert.Equal(block.Name, error.Dimension);
    }

    [Fact]
    public void The_space_difference_names_the_dimensions_that_differ()
    {
        SearchSpace Make(double lrLow, string blocks) => new([new IntDimension(blocks, 1, 3), new FloatDimension("lr", lrLow, 1, log: true)]);

        Assert.Null(SpaceDifference.Describe(Make(1e-3, "blocks"), Make(1e-3, "blocks")));
        Assert.Contains("dimension 'lr' differs", SpaceDifference.Describe(Make(1e-3, "blocks"), Make(1e-4, "blocks")));
        var renamed = SpaceDifference.Describe(Make(1e-3, "blocks"), Make(1e-3, "depth"));
        Assert.Contains("'blocks' is not in it", renamed);
        Assert.Contains("it has dimension 'depth'", renamed);
    }
}
