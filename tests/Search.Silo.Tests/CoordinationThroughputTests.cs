using System.Diagnostics;
using NinSearch.Abstractions;
using NinSearch.Silo.Tests.Infrastructure;
using NinSearch.Spec;
using NinSearch.Worker.Runners;
using NinSearch.Worker;
using Xunit.Abstractions;

namespace NinSearch.Silo.Tests;

/// <summary>
/// A rough, in-process measure of coordination cost (silo, workers and PostgreSQL share the machine): no-op trials of
/// lease, 3 reports, 2 checkpoints and completion. The real benchmark is <c>nin-search bench cluster</c>.
/// </summary>
[Collection(WorkerClusterCollection.Name)]
public sealed class CoordinationThroughputTests(WorkerClusterFixture fixture, ITestOutputHelper output)
{
    [Theory, Trait("Category", "Slow")]
    [InlineData(1, 100)]
    [InlineData(10, 300)]
    [InlineData(100, 1000)]
    public async Task No_op_trials_flow_through_the_cluster(int workers, int trials)
    {
        var campaign = fixture.Client.GetGrain<ICampaignGrain>(Campaigns.NewId("throughput"));
        await campaign.StartAsync(Campaigns.Definition(maxTrials: trials, search: new { preset = "nin-small", epochs = 3 }));
        var services = Enumerable.Range(0, workers).Select(i => new WorkerService(fixture.Client, new NoOpTrialRunner(),
            Microsoft.Extensions.Options.Options.Create(new WorkerOptions
            {
                WorkerId = $"bench-{i}", Device = WorkerDevice.Cpu, Runner = TrialRunnerKind.NoOp, Threads = 1,
                PollInterval = TimeSpan.FromMilliseconds(20),
            }), Microsoft.Extensions.Logging.Abstractions.NullLogger<WorkerService>.Instance)).ToList();

        var clock = Stopwatch.StartNew();
        foreach (var service in services) await service.StartAsync(CancellationToken.None);
        while (!(await campaign.GetSnapshotAsync()).IsTerminal && clock.Elapsed < TimeSpan.FromMinutes(5)) await Task.Delay(50);
        var elapsed = clock.Elapsed;
        foreach (var service in services) await service.StopAsync(CancellationToken.None);

        var snapshot = await campaign.GetSnapshotAsync();
        output.WriteLine($"{workers} workers: {snapshot.TrialsCompleted} trials in {elapsed.TotalSeconds:F1} s = {snapshot.TrialsCompleted / elapsed.TotalSeconds:F0} trials/s");
        Assert.Equal((CampaignStatus.Completed, trials), (snapshot.State, snapshot.TrialsCompleted));
    }
}
