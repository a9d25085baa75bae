using NinSearch.Core.Spaces;
using NinSearch.Spec;

namespace NinSearch.Core.Tests;

public class SpaceTests
{
    private static Configuration Config(SearchSpace space, string json) => SearchSpaceJson.ReadConfiguration(space, json);

    internal const string StrongRecipe = """
        {"blocks":3,"width_1":96,"kernel_1":5,"pointwise_1":2,"pool_1":"max","dropout_1":0.3,
         "width_2":192,"kernel_2":5,"pointwise_2":2,"pool_2":"max","dropout_2":0.3,
         "width_3":192,"kernel_3":3,"pointwise_3":1,
         "batch_norm":true,"optimizer":"sgd","lr":0.1,"nesterov":true,"weight_decay":0.0005,"schedule":"cosine",
         "warmup_epochs":1,"batch_size":128,"label_smoothing":0.1,"crop_padding":2,"hflip":false,"init":"xavier","epochs":30}
        """;

    [Fact]
    public void Default_space_contains_the_strong_recipe_and_maps_it_to_the_baseline()
    {
        var space = DefaultSpaces.FashionMnist;
        var mapper = new ConfigurationMapper(space, InputShape.Gray28, 10);
        var result = mapper.Map(Config(space, StrongRecipe), seed: 5);

        Assert.True(result.IsAccepted, result.Rejection?.ToString());
        Assert.Equal(TrainingRecipe.Default with { Seed = 5 }, result.Trial!.Training);
        var baseline = NinAnalysis.Of(Presets.Baseline);
        Assert.Equal(baseline.Params, result.Params);
        Assert.Equal(baseline.Macs, result.Macs);
        Assert.Equal(baseline.Layers.Select(l => l.Shape), NinAnalysis.Of(result.Trial.Architecture).Layers.Select(l => l.Shape));
    }

    [Fact]
    public void Default_space_contains_the_wider_192_256_256_recipe_within_its_constraints()
    {
        var space = DefaultSpaces.FashionMnist;
        var json = StrongRecipe.Replace("\"width_1\":96", "\"width_1\":192").Replace("\"width_2\":192", "\"width_2\":256").Replace("\"width_3\":192", "\"width_3\":256");
        var result = new ConfigurationMapper(space, InputShape.Gray28, 10).Map(Config(space, json));
        Assert.True(result.IsAccepted, result.Rejection?.ToString());
        Assert.Equal(192, result.Trial!.Architecture.Blocks[0].Width);
    }

    [Fact]
    public void Space_json_round_trips_and_keeps_its_fingerprint()
    {
        var space = DefaultSpaces.FashionMnist;
        var again = SearchSpaceJson.Read(SearchSpaceJson.Write(space));
        Assert.Equal(space.Fingerprint, again.Fingerprint);
        Assert.Equal(space.Dimensions.Select(d => d.Name), again.Dimensions.Select(d => d.Name));
        Assert.Equal(ValueKind.Float, ((CategoricalDimension)again["dropout_1"]).Choices[0].Kind);
        var config = Config(space, StrongRecipe);
        Assert.Equal(config, SearchSpaceJson.ReadConfiguration(space, SearchSpaceJson.WriteConfiguration(config)));
    }

    [Fact]
    public void Conditional_dimensions_exist_only_when_their_condition_holds()
    {
        var space = DefaultSpaces.FashionMnist;
        var twoBlocks = StrongRecipe.Replace("\"blocks\":3", "\"blocks\":2");
        var error = Assert.Throws<SearchSpaceException>(() => Config(space, twoBlocks));
        Assert.Contains(error.Dimension, new[] { "width_3", "kernel_3", "pointwise_3", "pool_2", "dropout_2" });
        var adam = StrongRecipe.Replace("\"optimizer\":\"sgd\"", "\"optimizer\":\"adam\"");
        Assert.Equal("nesterov", Assert.Throws<SearchSpaceException>(() => Config(space, adam)).Dimension);
        Assert.True(space.Contains(Config(space, adam.Replace("\"nesterov\":true,", ""))));
    }

    [Theory]
    [InlineData("""{"dimensions":[{"name":"width","type":"int","low":256,"high":32,"step":32}]}""", "width")]
    [InlineData("""{"dimensions":[{"name":"lr","type":"float","low":0.1,"high":0.1}]}""", "lr")]
    [InlineData("""{"dimensions":[{"name":"lr","type":"float","low":0,"high":0.1,"log":true}]}""", "lr")]
    [InlineData("""{"dimensions":[{"name":"pool","type":"categorical","choices":[]}]}""", "pool")]
    [InlineData("""{"dimensions":[{"name":"mix","type":"categorical","choices":[1,"a"]}]}""", "mix")]
    [InlineData("""{"dimensions":[{"name":"w","type":"int","low":1,"high":10,"step":4}]}""", "w")]
    [InlineData("""{"dimensions":[{"name":"w","type":"int","low":1,"high":4,"when":{"dimension":"depth","min":2}}]}""", "w")]
    [InlineData("""{"dimensions":[{"name":"a","type":"int","low":1,"high":4,"when":{"dimension":"b","min":2}},{"name":"b","type":"int","low":1,"high":4,"when":{"dimension":"a","min":2}}]}""", "a")]
    [InlineData("""{"dimensions":[{"name":"a","type":"int","low":1,"high":4,"when":{"dimension":"a","min":2}}]}""", "a")]
    [InlineData("""{"dimensions":[{"name":"d","type":"int","low":2,"high":4},{"name":"w","type":"int","low":1,"high":4,"when":{"dimension":"d","min":3,"max":2}}]}""", "w")]
    [InlineData("""{"dimensions":[{"name":"d","type":"int","low":2,"high":4},{"name":"w","type":"int","low":1,"high":4,"when":{"dimension":"d","min":5}}]}""", "w")]
    [InlineData("""{"dimensions":[{"name":"o","type":"categorical","choices":["sgd"]},{"name":"n","type":"categorical","choices":[true],"when":{"dimension":"o","in":["adam"]}}]}""", "n")]
    [InlineData("""{"dimensions":[{"name":"d","type":"int","low":2,"high":4},{"name":"d","type":"int","low":1,"high":2}]}""", "d")]
    [InlineData("""{"dimensions":[{"name":"d","type":"int","low":2,"high":4,"stepp":1}]}""", "d")]
    [InlineData("""{"dimensions":[{"name":"d","type":"integer","low":2,"high":4}]}""", "d")]
    public void Bad_spaces_are_refused_naming_the_dimension(string json, string dimension)
    {
        var error = Assert.Throws<SearchSpaceException>(() => SearchSpaceJson.Read(json));
        Assert.Equal(dimension, error.Dimension);
        Assert.Contains($"'{dimension}'", error.Message);
    }

    [Fact]
    public void A_cycle_through_three_dimensions_is_reported_with_its_path()
    {
        const string json = """
            {"dimensions":[
              {"name":"a","type":"int","low":1,"high":4,"when":{"dimension":"c","min":2}},
              {"name":"b","type":"int","low":1,"high":4,"when":{"dimension":"a","min":2}},
              {"name":"c","type":"int","low":1,"high":4,"when":{"dimension":"b","min":2}}]}
            """;
        var error = Assert.Throws<SearchSpaceException>(() => SearchSpaceJson.Read(json));
        Assert.Contains("cycle", error.Message);
        Assert.Contains("a → c → b → a", error.Message);
    }

    [Fact]
    public void Children_declared_before_parents_are_reordered()
    {
        var space = SearchSpaceJson.Read("""{"dimensions":[{"name":"w","type":"int","low":1,"high":4,"when":{"dimension":"d","min":3}},{"name":"d","type":"int","low":2,"high":4}]}""");
        Assert.Equal(["d", "w"], space.Dimensions.Select(d => d.Name));
    }
}
