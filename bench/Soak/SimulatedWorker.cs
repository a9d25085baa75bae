using System.Diagnostics;
using NinSearch.Abstractions;
using NinSearch.Spec;

namespace NinSearch.Bench.Soak;

/// <summary>
/// One simulated worker, as the real one behaves with the no-op trainer but without a process of its own: registers,
/// heartbeats its lease to the registry every <see cref="SoakOptions.Heartbeat"/>, and loops lease, epoch reports
/// (each after <see cref="SoakOptions.EpochDelay"/> of pretend training), completion. A failed call is retried with
/// backoff for up to 30 s, as the worker's retry window.
/// </summary>
internal sealed class SimulatedWorker(string id, IClusterClient client, SoakOptions options, SoakRecorder recorder, Ledger ledger)
{
    private static readonly WorkerResources Free = new(DeviceKind.Cpu, 0, 0, 1, 1);
    private static readonly TimeSpan RetryWindow = TimeSpan.FromSeconds(30);
    private volatile TrialLease? _current;

    /// <summary>Works until <paramref name="stopLeasing"/>, then finishes the trial in hand and unregisters.</summary>
    public async Task RunAsync(TimeSpan startAfter, CancellationToken stopLeasing)
    {
        var registry = client.GetGrain<IWorkerRegistryGrain>(IWorkerRegistryGrain.Key);
        var dispatcher = client.GetGrain<IDispatcherGrain>(IDispatcherGrain.Key);
        // Spread over the first lifecycle, so 1,000 workers do not all report in the same instant.
        if (!await Delay(startAfter, stopLeasing)) return;
        await CallAsync(async () =>
        {
            await registry.RegisterAsync(new WorkerRegistration(id, "soak", Free));
            return true;
        });
        using var heartbeatStop = new CancellationTokenSource();
        var heartbeats = HeartbeatLoopAsync(registry, heartbeatStop.Token);
        while (!stopLeasing.IsCancellationRequested)
        {
            TrialLease? lease;
            var start = Stopwatch.GetTimestamp();
            try
            {
                lease = await dispatcher.TryLeaseAsync(id, Free);
            }
            catch (Exception)
            {
                recorder.Error();
                await Delay(options.Poll, stopLeasing);
                continue;
            }
            recorder.Lease(Stopwatch.GetElapsedTime(start).TotalMilliseconds, lease is not null);
            if (lease is null)
            {
                await Delay(options.Poll, stopLeasing);
                continue;
            }
            ledger.Granted(lease, id);
            _current = lease;
            try
            {
                await RunTrialAsync(lease);
            }
            catch (TimeoutException)
            {
                // Gave up on a call for the whole retry window: the lease expires on the silo side.
            }
            _current = null;
        }
        await heartbeatStop.CancelAsync();
        await heartbeats;
        try { await registry.UnregisterAsync(id); } catch (Exception) { recorder.Error(); }
    }

    private async Task RunTrialAsync(TrialLease lease)
    {
        var campaign = client.GetGrain<ICampaignGrain>(lease.CampaignId);
        var end = TrialStatus.Complete;
        var epochs = 0;
        for (var epoch = 1; epoch <= options.Epochs; epoch++)
        {
            await Task.Delay(options.EpochDelay);
            var accuracy = 0.5 + (lease.TrialNumber % 10) / 25.0 * epoch / options.Epochs;
            var metrics = new EpochMetrics(epoch, 1 - accuracy, accuracy, 1 - accuracy, accuracy, options.EpochDelay.TotalSeconds);
            var start = Stopwatch.GetTimestamp();
            var reply = await CallAsync(() => campaign.ReportEpochAsync(lease.LeaseId, metrics));
            recorder.Report(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            if (reply.Decision == EpochDecision.LeaseLost)
            {
                ledger.LeaseLost();
                return;
            }
            ledger.ReportAccepted();
            epochs = epoch;
            if (reply.Decision == EpochDecision.Stop)
            {
                end = TrialStatus.Pruned;
                break;
            }
        }
        var completeStart = Stopwatch.GetTimestamp();
        var accepted = await CallAsync(() => campaign.CompleteAsync(lease.LeaseId, new TrialResult(end, epochs, 0.8, null)));
        recorder.Complete(Stopwatch.GetElapsedTime(completeStart).TotalMilliseconds);
        ledger.Complete(lease, accepted);
    }

    private async Task HeartbeatLoopAsync(IWorkerRegistryGrain registry, CancellationToken cancellationToken)
    {
        // A random phase, as real workers' heartbeats are not aligned.
        if (!await Delay(options.Heartbeat * Random.Shared.NextDouble(), cancellationToken)) return;
        using var timer = new PeriodicTimer(options.Heartbeat);
        do
        {
            var lease = _current;
            var start = Stopwatch.GetTimestamp();
            try
            {
                var lost = await registry.HeartbeatAsync(id, lease is null ? [] : [lease.Ref]);
                recorder.Heartbeat(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                if (lost.Count > 0 && lease is not null) ledger.HeartbeatLost(lease);
            }
            catch (Exception)
            {
                recorder.Error();
            }
        }
        while (await timer.WaitForNextTickAsync(cancellationToken).AsTask().ContinueWith(t => t.IsCompletedSuccessfully && t.Result, TaskScheduler.Default));
    }

    private async Task<T> CallAsync<T>(Func<Task<T>> call)
    {
        var started = Stopwatch.GetTimestamp();
        var delay = TimeSpan.FromMilliseconds(200);
        while (true)
        {
            try
            {
                return await call();
            }
            catch (Exception e) when (e is not ArgumentException)
            {
                recorder.Error();
                if (Stopwatch.GetElapsedTime(started) + delay > RetryWindow) throw new TimeoutException($"{id}: gave up after {RetryWindow}", e);
                await Task.Delay(delay);
                delay = TimeSpan.FromTicks(Math.Min(TimeSpan.FromSeconds(5).Ticks, delay.Ticks * 2));
            }
        }
    }

    private static async Task<bool> Delay(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, cancellationToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
