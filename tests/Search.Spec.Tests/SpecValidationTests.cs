using NinSearch.Spec;

namespace NinSearch.Spec.Tests;

public class SpecValidationTests
{
    private static readonly NinSpec Valid = new()
    {
        Input = InputShape.Gray28,
        Classes = 10,
        Blocks =
        [
            new() { Kernel = 5, Width = 16, Pointwise = [new()], Pool = PoolSpec.Max3x3, Dropout = 0.3 },
            new() { Kernel = 3, Width = 32, Pointwise = [new()] },
        ],
    };

    private static SpecError SingleError(NinSpec spec)
    {
        var errors = SpecValidator.Validate(spec);
        return Assert.Single(errors);
    }

    [Fact]
    public void A_valid_spec_has_no_errors() => Assert.Empty(SpecValidator.Validate(Valid));

    [Fact]
    public void Non_positive_width_names_the_block_field()
    {
        var error = SingleError(Valid with { Blocks = [Valid.Blocks[0] with { Width = 0 }, Valid.Blocks[1]] });
        Assert.Equal("blocks[0].width", error.Path);
    }

    [Fact]
    public void Non_positive_kernel_names_the_block_field()
    {
        var error = SingleError(Valid with { Blocks = [Valid.Blocks[0], Valid.Blocks[1] with { Kernel = -1 }] });
        Assert.Equal("blocks[1].kernel", error.Path);
    }

    [Fact]
    public void Non_positive_pointwise_width_names_the_layer()
    {
        var error = SingleError(Valid with { Blocks = [Valid.Blocks[0] with { Pointwise = [new(-3)] }, Valid.Blocks[1]] });
        Assert.Equal("blocks[0].pointwise[0].width", error.Path);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    public void Dropout_outside_zero_one_is_rejected(double rate)
    {
        var error = SingleError(Valid with { Blocks = [Valid.Blocks[0] with { Dropout = rate }, Valid.Blocks[1]] });
        Assert.Equal("blocks[0].dropout", error.Path);
        Assert.Contains("[0, 1)", error.Message);
    }

    [Fact]
    public void Spatial_collapse_names_the_layer_that_collapses()
    {
        var tiny = Valid with { Input = new(1, 4, 4), Blocks = [Valid.Blocks[0] with { Padding = 0 }, Valid.Blocks[1]] };
        var error = SingleError(tiny);
        Assert.Equal("blocks[0].kernel", error.Path);
        Assert.Contains("collapses", error.Message);
    }

    [Fact]
    public void Pooling_that_collapses_names_the_pool()
    {
        var small = Valid with { Input = new(1, 2, 2) , Blocks = [Valid.Blocks[0] with { Kernel = 1 }, Valid.Blocks[1]] };
        var error = SingleError(small);
        Assert.Equal("blocks[0].pool", error.Path);
    }

    [Fact]
    public void Last_layer_must_produce_the_class_count()
    {
        var error = SingleError(Valid with { Blocks = [Valid.Blocks[0], Valid.Blocks[1] with { Pointwise = [new(12)] }] });
        Assert.Equal("blocks[1].pointwise[0].width", error.Path);
        Assert.Contains("classes (10)", error.Message);
    }

    [Fact]
    public void Several_problems_are_all_reported()
    {
        var errors = SpecValidator.Validate(Valid with { Blocks = [Valid.Blocks[0] with { Width = 0, Kernel = 0 }, Valid.Blocks[1] with { Stride = 0 }] });
        Assert.Equal(["blocks[0].kernel", "blocks[0].width", "blocks[1].stride"], errors.Select(e => e.Path));
    }

    [Fact]
    public void No_blocks_is_an_error()
    {
        Assert.Equal("blocks", SingleError(Valid with { Blocks = [] }).Path);
    }
}
