using System.Globalization;
using NinSearch.Abstractions;
using NinSearch.Simulation.Cluster;
using NinSearch.Simulation.Runtime;
using NinSearch.Simulation.Store;
using NinSearch.Simulation.Workers;

namespace NinSearch.Simulation;

/// <summary>
/// One schedule's world, drawn from its first choices: the campaign (budget, search), the workers, and how hard the
/// store, the network, the workers and the silo fail. Zero choices give the plainest world: one healthy worker, one
/// one-epoch trial, no faults.
/// </summary>
public sealed record ScheduleSettings
{
    public required CampaignDefinition Definition { get; init; }
    public required int[] WorkerSlots { get; init; }
    public required StoreFaults StoreFaults { get; init; }
    public required MessageFaults MessageFaults { get; init; }
    public required WorkerBehaviour WorkerBehaviour { get; init; }

    /// <summary>Chance per step that the silo crashes.</summary>
    public required int CrashPerMillion { get; init; }

    /// <summary>Chance per step that time jumps to the next timer although work is runnable (slow operations).</summary>
    public required int JumpPerMillion { get; init; }

    /// <summary>When the client cancels the campaign (after start), or null.</summary>
    public required TimeSpan? CancelAfter { get; init; }

    /// <summary>The lease settings the silo runs with.</summary>
    public required TimeSpan LeaseDuration { get; init; }
    public required TimeSpan LeaseCheckInterval { get; init; }
    public required int MaxFailedAttempts { get; init; }

    /// <summary>Epochs a trial trains at most.</summary>
    public required int EpochsPerTrial { get; init; }

    /// <summary>Draws a world.</summary>
    public static ScheduleSettings Draw(Choices choices)
    {
        var epochs = choices.Between(1, 4);
        var budget = choices.Next(4) switch
        {
            0 => new CampaignBudget(choices.Between(1, 6)),
            1 => new CampaignBudget(choices.Between(1, 6), MaxEpochs: choices.Between(1, 12)),
            2 => new CampaignBudget(null, MaxEpochs: choices.Between(1, 16)),
            _ => new CampaignBudget(choices.Between(1, 6), MaxWallClock: TimeSpan.FromSeconds(choices.Between(20, 200))),
        };
        var seed = choices.Next(1000).ToString(CultureInfo.InvariantCulture);
        var search = choices.Next(3) switch
        {
            0 => $$"""{"preset": "nin-small", "epochs": {{epochs}}}""",
            1 => $$"""{"sampler": "random", "scheduler": "fifo", "scheduler_options": {"max_epochs": {{epochs}}}, "seed": {{seed}}}""",
            _ => $$"""{"sampler": "random", "scheduler": "asha", "scheduler_options": {"min_epochs": 1, "max_epochs": {{epochs}}, "eta": 2}, "seed": {{seed}}}""",
        };
        var workers = new int[choices.Between(1, 5)];
        for (var i = 0; i < workers.Length; i++) workers[i] = choices.Between(1, 2);
        var level = choices.Next(4); // how rough this schedule is: 0 calm … 3 stormy
        int Rate(int perLevel) => level * perLevel;
        return new ScheduleSettings
        {
            Definition = new CampaignDefinition("sim", "fashion_mnist", search, budget, ResourceRequest.OneCpu),
            WorkerSlots = workers,
            StoreFaults = new StoreFaults
            {
                FailBeforeCommit = Rate(choices.Next(20_000)),
                FailAfterCommit = Rate(choices.Next(20_000)),
                TimeOut = Rate(choices.Next(8_000)),
                ReadFails = Rate(choices.Next(20_000)),
            },
            MessageFaults = new MessageFaults
            {
                Duplicate = Rate(choices.Next(30_000)),
                Delay = Rate(choices.Next(30_000)),
                LoseReply = Rate(choices.Next(20_000)),
            },
            WorkerBehaviour = new WorkerBehaviour
            {
                Vanish = Rate(choices.Next(20_000)),
                FaultRelease = Rate(choices.Next(30_000)),
                ShutdownRelease = Rate(choices.Next(30_000)),
                FailTrial = Rate(choices.Next(20_000)),
                Stall = Rate(choices.Next(30_000)),
                Checkpoint = 1_000_000 - choices.Next(1_000_000),
            },
            CrashPerMillion = Rate(choices.Next(1_500)),
            JumpPerMillion = Rate(choices.Next(10_000)),
            CancelAfter = choices.Chance(100_000) ? TimeSpan.FromSeconds(choices.Between(0, 120)) : null,
            LeaseDuration = TimeSpan.FromSeconds(choices.Between(15, 40)),
            LeaseCheckInterval = TimeSpan.FromSeconds(choices.Between(2, 8)),
            MaxFailedAttempts = choices.Between(1, 3),
            EpochsPerTrial = epochs,
        };
    }
}
