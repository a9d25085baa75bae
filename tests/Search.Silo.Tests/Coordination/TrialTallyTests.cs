using NinSearch.Silo.Coordination;
using NinSearch.Spec;
using NinSearch.Store.Entities;

namespace NinSearch.Silo.Tests.Coordination;

/// <summary>
/// The campaign grain's O(1) aggregates must always equal a recount over its trials, whatever changes the slots go
/// through (the grain decides budgets and completion from them).
/// </summary>
public sealed class TrialTallyTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Counts_epochs_and_best_follow_every_change_of_the_tracked_slots()
    {
        var tally = new TrialTally();
        var slots = Enumerable.Range(0, 4).Select(n => Slot(n)).ToList();
        foreach (var slot in slots) slot.JoinTally(tally);

        slots[0].Status = TrialStatus.Running;
        slots[0].LastEpoch = 2;
        slots[0].BestValAccuracy = 0.7;
        slots[1].Status = TrialStatus.Running;
        slots[1].LastEpoch = 3;
        slots[1].BestValAccuracy = 0.8;
        slots[1].Status = TrialStatus.Complete;
        slots[2].Status = TrialStatus.Rejected;
        AssertMatchesRecount(tally, slots);
        Assert.Same(slots[1], tally.Best(slots));

        // A refresh from the store may lower what memory held: the best is looked for again.
        slots[1].Refresh(new Trial { Id = slots[1].Id, CampaignId = "c", ConfigJson = "{}", Status = TrialStatus.Failed, LastEpoch = 1, BestValAccuracy = 0.6 });
        AssertMatchesRecount(tally, slots);
        Assert.Same(slots[0], tally.Best(slots));

        slots[0].LeaveTally();
        var remaining = slots.Skip(1).ToList();
        AssertMatchesRecount(tally, remaining);
        Assert.Same(slots[1], tally.Best(remaining));
    }

    [Fact]
    public void Ties_go_to_the_lowest_number_and_the_earliest_expiry_is_a_lower_bound()
    {
        var tally = new TrialTally();
        var late = Slot(5);
        var early = Slot(2);
        late.JoinTally(tally);
        early.JoinTally(tally);
        late.BestValAccuracy = 0.9;
        early.BestValAccuracy = 0.9;
        Assert.Same(early, tally.Best([late, early]));

        late.Status = TrialStatus.Running;
        late.LeaseExpiresAt = T0.AddSeconds(30);
        early.Status = TrialStatus.Running;
        early.LeaseExpiresAt = T0.AddSeconds(10);
        Assert.Equal(T0.AddSeconds(10), tally.EarliestExpiry);
        early.LeaseExpiresAt = T0.AddSeconds(60);   // a renewal: the bound stays until reset
        Assert.Equal(T0.AddSeconds(10), tally.EarliestExpiry);
        tally.ResetEarliestExpiry(T0.AddSeconds(30));
        Assert.Equal(T0.AddSeconds(30), tally.EarliestExpiry);
    }

    private static TrialSlot Slot(int number) => new() { Id = Guid.NewGuid(), Number = number, ConfigJson = "{}" };

    private static void AssertMatchesRecount(TrialTally tally, IReadOnlyList<TrialSlot> slots)
    {
        Assert.Equal(slots.Count, tally.Total);
        foreach (var status in Enum.GetValues<TrialStatus>())
            Assert.Equal(slots.Count(s => s.Status == status), tally.Count(status));
        Assert.Equal(slots.Sum(s => (long)(s.LastEpoch ?? 0)), tally.EpochsUsed);
        var best = slots.Where(s => s.BestValAccuracy is not null).OrderByDescending(s => s.BestValAccuracy).ThenBy(s => s.Number).FirstOrDefault();
        Assert.Same(best, tally.Best(slots));
    }
}
