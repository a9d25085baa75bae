using NinSearch.Abstractions;
using NinSearch.Dashboard.Events;
using NinSearch.Spec;

namespace NinSearch.Dashboard.Tests;

public sealed class UpdateOrderTests
{
    private static CampaignUpdate Update(long sequence) => new("c", CampaignUpdateKind.EpochReported, DateTimeOffset.UnixEpoch,
        new CampaignSnapshot("c", CampaignStatus.Running, 0, 0, 0, 0, 0, 0, 0, 0, null, null, null), Sequence: sequence);

    [Fact]
    public void Updates_that_arrive_swapped_are_released_in_the_grains_order()
    {
        var order = new UpdateOrder();
        Assert.Empty(order.Accept(Update(12)));       // before the subscription's answer: held
        Assert.Empty(order.Accept(Update(11)));
        Assert.Equal([11L, 12L], order.Start(10).Select(u => u.Sequence));
        Assert.Empty(order.Accept(Update(14)));       // 13 is missing: held
        Assert.True(order.HasGap);
        Assert.Equal([13L, 14L], order.Accept(Update(13)).Select(u => u.Sequence));
        Assert.False(order.HasGap);
        Assert.Empty(order.Accept(Update(13)));       // a duplicate
    }

    [Fact]
    public void A_gap_that_never_fills_is_given_up_and_the_order_goes_on_after_it()
    {
        var order = new UpdateOrder();
        order.Start(0);
        Assert.Equal([1L], order.Accept(Update(1)).Select(u => u.Sequence));
        Assert.Empty(order.Accept(Update(5_000)));    // a reactivated grain jumps ahead
        Assert.Empty(order.Accept(Update(5_001)));
        Assert.Equal([5_000L, 5_001L], order.FlushGap().Select(u => u.Sequence));
        Assert.Equal([5_002L], order.Accept(Update(5_002)).Select(u => u.Sequence));
        Assert.Empty(order.Accept(Update(3)));        // too late: given up on
    }
}
