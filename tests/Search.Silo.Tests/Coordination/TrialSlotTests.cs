using NinSearch.Silo.Coordination;
using NinSearch.Spec;
using NinSearch.Store.Entities;

namespace NinSearch.Silo.Tests.Coordination;

public sealed class TrialSlotTests
{
    [Fact]
    public void A_slot_holds_its_configuration_until_the_trial_ends_and_not_after()
    {
        var waiting = TrialSlot.From(Row(TrialStatus.Waiting));
        Assert.Equal("""{"blocks":3}""", waiting.ConfigJson);

        waiting.Status = TrialStatus.Running;
        Assert.Equal("""{"blocks":3}""", waiting.ConfigJson);
        waiting.Status = TrialStatus.Complete;
        Assert.Throws<InvalidOperationException>(() => waiting.ConfigJson);

        // Rebuilt from an ended row (a reactivation, a rejected candidate): nothing held from the start.
        Assert.Throws<InvalidOperationException>(() => TrialSlot.From(Row(TrialStatus.Rejected)).ConfigJson);
    }

    private static Trial Row(TrialStatus status) => new()
    {
        Id = Guid.NewGuid(),
        CampaignId = "c",
        Number = 0,
        ConfigJson = """{"blocks":3}""",
        Status = status,
    };
}
