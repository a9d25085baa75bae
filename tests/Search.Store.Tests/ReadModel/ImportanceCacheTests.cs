using NinSearch.Store.ReadModel;

namespace NinSearch.Store.Tests.ReadModel;

public sealed class ImportanceCacheTests
{
    private static ImportanceView View(int trials) => new("fanova", trials, [new ParameterImportanceEntry("lr", 1)]);

    [Fact]
    public void A_view_is_served_until_the_finished_trials_grow_by_five_percent()
    {
        var cache = new ImportanceCache(4);
        cache.Set("big", 1000, View(1000));

        Assert.Equal(1000, cache.Get("big", 1000)!.Trials);
        Assert.Equal(1000, cache.Get("big", 1049)!.Trials);
        Assert.Null(cache.Get("big", 1050));
        Assert.Null(cache.Get("big", 999));
    }

    [Fact]
    public void A_small_campaigns_view_is_computed_again_after_every_finished_trial()
    {
        var cache = new ImportanceCache(4);
        cache.Set("small", 12, View(12));

        Assert.NotNull(cache.Get("small", 12));
        Assert.Null(cache.Get("small", 13));
    }

    [Fact]
    public void The_least_recently_used_campaign_is_evicted_first()
    {
        var cache = new ImportanceCache(2);
        cache.Set("a", 10, View(10));
        cache.Set("b", 10, View(10));
        Assert.NotNull(cache.Get("a", 10));

        cache.Set("c", 10, View(10));

        Assert.NotNull(cache.Get("a", 10));
        Assert.Null(cache.Get("b", 10));
        Assert.NotNull(cache.Get("c", 10));
    }
}
