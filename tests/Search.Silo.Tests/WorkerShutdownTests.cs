using Microsoft.Extensions.Logging;
using System.Diagnostics;
using Microsoft.Extensions.Options;
using NinSearch.Abstractions;
using NinSearch.Silo.Tests.Infrastructure;
using NinSearch.Worker;
using NinSearch.Worker.Runners;

namespace NinSearch.Silo.Tests;

/// <summary>
/// A worker told to stop while the cluster has gone silent (its gateway's silo killed, the database hung) stops after
/// its own call timeout, not after Orleans' response timeout: a pod's grace period, or a test's, is not spent waiting
/// for an answer that will not come. The fixture's response timeout is 30 s; the worker's call timeout here 500 ms.
/// </summary>
[Collection(WorkerClusterCollection.Name)]
public sealed class WorkerShutdownTests(WorkerClusterFixture fixture)
{
    [Fact]
    public async Task A_worker_whose_unregister_hangs_stops_after_its_call_timeout()
    {
        const string id = "w-unregister-hangs";
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var worker = new WorkerService(fixture.Client, new NoOpTrialRunner(), Options.Create(new WorkerOptions
        {
            WorkerId = id,
            Device = WorkerDevice.Cpu,
            Runner = TrialRunnerKind.NoOp,
            PollInterval = TimeSpan.FromMilliseconds(50),
            HeartbeatInterval = TimeSpan.FromSeconds(30),
            CallTimeout = TimeSpan.FromMilliseconds(500),
        }), new LoggerFactory([new Lines(log)]).CreateLogger<WorkerService>());
        var registry = fixture.Client.GetGrain<IWorkerRegistryGrain>(IWorkerRegistryGrain.Key);
        await worker.StartAsync(CancellationToken.None);
        // Registered from the worker's side too: its register call answered (a try abandoned after the call timeout
        // may still have registered it at the silo, and a stop then ends the register loop, with nothing to unregister).
        for (var i = 0; i < 400 && !log.Any(l => l.Contains($"Worker {id} started")); i++) await Task.Delay(50);
        Assert.Contains(await registry.GetWorkersAsync(), w => w.Registration.WorkerId == id && w.Online);

        // The unregister's store write (the worker marked offline) never answers.
        fixture.StoreFaults.Add("HeartbeatWorkerAsync", args => Equals(args[0], id) && Equals(args[2], Store.Entities.WorkerStatus.Offline), FaultTiming.Hang);
        try
        {
            var clock = Stopwatch.StartNew();
            await worker.StopAsync(CancellationToken.None);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"stopping took {clock.Elapsed.TotalSeconds:F1} s\n{string.Join("\n", log)}");
            // The call did reach the hung write (the worker gave up on it rather than never sending it).
            for (var i = 0; i < 100 && fixture.StoreFaults.Injected == 0; i++) await Task.Delay(50);
            Assert.Equal(1, fixture.StoreFaults.Injected);
        }
        finally
        {
            fixture.StoreFaults.Clear();
        }
    }
}

/// <summary>The worker's log lines, to wait for one and to show them when the test fails.</summary>
file sealed class Lines(System.Collections.Concurrent.ConcurrentQueue<string> log) : ILoggerProvider, ILogger
{
    public ILogger CreateLogger(string categoryName) => this;
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
    public bool IsEnabled(LogLevel logLevel) => true;
    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        log.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} {formatter(state, exception)} {exception?.GetType().Name}");
    public void Dispose() { }
}
