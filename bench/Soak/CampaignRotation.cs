using NinSearch.Abstractions;
using Orleans.Runtime;

namespace NinSearch.Bench.Soak;

/// <summary>
/// Keeps <see cref="SoakOptions.Campaigns"/> campaigns running: each starts with a budget of
/// <see cref="SoakOptions.CampaignTrials"/> (or one that outlasts the run) and, with a budget, is replaced by a new one
/// when it completes, its grain then collected.
/// </summary>
internal sealed class CampaignRotation(IClusterClient client, SoakOptions options)
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(2);
    private readonly List<string> _all = [];
    private readonly List<string> _running = [];

    /// <summary>Every campaign started so far.</summary>
    public IReadOnlyList<string> All { get { lock (_all) return [.. _all]; } }

    /// <summary>The campaigns not known to have ended.</summary>
    public IReadOnlyList<string> Running { get { lock (_all) return [.. _running]; } }

    public async Task StartAsync()
    {
        for (var i = 0; i < options.Campaigns; i++) await StartOneAsync();
    }

    /// <summary>Replaces completed campaigns until <paramref name="ct"/>; nothing to do without a per-campaign budget.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        if (options.CampaignTrials is null) return;
        var management = client.GetGrain<IManagementGrain>(0);
        using var timer = new PeriodicTimer(Period);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                var ended = 0;
                foreach (var id in Running)
                {
                    if (!(await client.GetGrain<ICampaignGrain>(id).GetSnapshotAsync()).IsTerminal) continue;
                    lock (_all) _running.Remove(id);
                    await StartOneAsync();
                    ended++;
                }
                // Ended campaigns are idle from now on; the silo would collect them after its idle age (minutes).
                if (ended > 0) await management.ForceActivationCollection(Period);
            }
        }
        catch (OperationCanceledException) { }
    }

    private async Task StartOneAsync()
    {
        string id;
        lock (_all) id = $"soak-{_all.Count}-{Guid.NewGuid():N}";
        await client.GetGrain<ICampaignGrain>(id).StartAsync(new CampaignDefinition($"soak {id[..7]}", "fashion_mnist",
            $$"""{"preset":"nin-small","epochs":{{options.Epochs}}}""", new CampaignBudget(options.CampaignTrials ?? 10_000_000), ResourceRequest.OneCpu));
        lock (_all)
        {
            _all.Add(id);
            _running.Add(id);
        }
    }
}
