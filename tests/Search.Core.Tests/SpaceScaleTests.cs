using System.Diagnostics;
using NinSearch.Core.Spaces;
using NinSearch.Spec;

namespace NinSearch.Core.Tests;

/// <summary>
/// A space reaches the silo without the campaign validator's caps when a client calls the grain directly, so
/// building one must cost time in proportion to what it declares, never to the values its ranges hold.
/// </summary>
public class SpaceScaleTests
{
    private static readonly TimeSpan Fast = TimeSpan.FromSeconds(2);

    [Fact]
    public void A_long_chain_of_children_declared_before_their_parents_is_ordered_in_near_linear_time()
    {
        // d_0 ← d_1 ← … declared last-first: the quadratic ordering rescanned the whole list for every placement.
        const int n = 40_000;
        var dimensions = Enumerable.Range(0, n).Reverse()
            .Select(i => (Dimension)new IntDimension($"d_{i}", 0, 1, when: i == 0 ? null : new DimensionCondition($"d_{i - 1}", Min: 0)))
            .ToList();

        var clock = Stopwatch.StartNew();
        var space = new SearchSpace(dimensions);

        Assert.True(clock.Elapsed < Fast, $"ordering {n:N0} dimensions took {clock.Elapsed.TotalMilliseconds:F0} ms");
        Assert.Equal(Enumerable.Range(0, n).Select(i => $"d_{i}"), space.Dimensions.Select(d => d.Name));
    }

    [Fact]
    public void A_cycle_in_a_long_space_is_still_reported_with_its_path()
    {
        var dimensions = new List<Dimension> { new IntDimension("a", 0, 1, when: new DimensionCondition("c", Min: 0)) };
        dimensions.AddRange(Enumerable.Range(0, 10_000).Select(i => new IntDimension($"free_{i}", 0, 1)));
        dimensions.Add(new IntDimension("b", 0, 1, when: new DimensionCondition("a", Min: 0)));
        dimensions.Add(new IntDimension("c", 0, 1, when: new DimensionCondition("b", Min: 0)));

        var e = Assert.Throws<SearchSpaceException>(() => new SearchSpace(dimensions));
        Assert.Contains("cycle", e.Message);
        Assert.Contains("a → c → b → a", e.Message);
    }

    [Fact]
    public void An_unsatisfiable_condition_on_a_billion_value_range_is_found_without_enumerating_it()
    {
        var parent = new IntDimension("blocks", 0, 1_000_000_000);
        var child = new IntDimension("width_1", 1, 2, when: new DimensionCondition("blocks", In: [ParamValue.OfInt(-5), ParamValue.OfString("x")]));

        var clock = Stopwatch.StartNew();
        var e = Assert.Throws<SearchSpaceException>(() => new SearchSpace([parent, child]));

        Assert.True(clock.Elapsed < Fast, $"{clock.Elapsed.TotalMilliseconds:F0} ms");
        Assert.Contains("can never be", e.Message);
    }

    [Theory]
    [InlineData(10, 20, 5, true)]     // 10, 15, 20 ∩ [12, 16] = 15
    [InlineData(10, 20, 5, false)]    // 10, 15, 20 ∩ [16, 19] = ∅
    public void A_min_max_condition_on_a_stepped_range_is_satisfiable_only_when_a_grid_value_falls_inside(long low, long high, long step, bool satisfiable)
    {
        var parent = new IntDimension("blocks", low, high, step);
        var when = satisfiable ? new DimensionCondition("blocks", 12, 16) : new DimensionCondition("blocks", 16, 19);
        var child = new IntDimension("width_1", 1, 2, when: when);

        if (satisfiable) Assert.Equal(2, new SearchSpace([parent, child]).Count);
        else Assert.Contains("can never be", Assert.Throws<SearchSpaceException>(() => new SearchSpace([parent, child])).Message);
    }

    [Fact]
    public void A_range_with_more_values_than_a_cardinality_can_count_is_refused_at_construction()
    {
        var e = Assert.Throws<SearchSpaceException>(() => new IntDimension("width_1", 0, long.MaxValue));
        Assert.Contains("width_1", e.Message);
    }

    [Fact]
    public void Repeated_choices_among_many_are_found_in_near_linear_time()
    {
        var choices = Enumerable.Range(0, 200_000).Select(i => ParamValue.OfInt(i)).Append(ParamValue.OfFloat(7.0)).ToList();

        var clock = Stopwatch.StartNew();
        var e = Assert.Throws<SearchSpaceException>(() => new CategoricalDimension("dropout_1", choices));

        Assert.True(clock.Elapsed < Fast, $"{clock.Elapsed.TotalMilliseconds:F0} ms");
        Assert.Contains("appears twice", e.Message);
    }

    [Fact]
    public void The_mapper_checks_a_billion_value_width_range_without_expanding_it()
    {
        var space = new SearchSpace([new IntDimension("blocks", 1, 1), new IntDimension("width_1", 1, 1_000_000_000)]);

        var clock = Stopwatch.StartNew();
        var mapper = new ConfigurationMapper(space, InputShape.Gray28, 10);

        Assert.True(clock.Elapsed < Fast, $"{clock.Elapsed.TotalMilliseconds:F0} ms");
        Assert.Same(space, mapper.Space);
    }
}
