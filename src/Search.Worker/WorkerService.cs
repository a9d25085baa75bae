using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NinSearch.Abstractions;
using NinSearch.Spec;
using NinSearch.Worker.Metrics;
using NinSearch.Worker.Packing;
using NinSearch.Worker.Runners;

namespace NinSearch.Worker;

/// <summary>
/// The worker loop: registers, heartbeats, pulls trials from the dispatcher while resources are free, runs each with
/// the <see cref="ITrialRunner"/> and reports its end. A trial that fails is reported failed and the worker goes on.
/// Calls about a lease are retried with backoff; an infrastructure failure is never the trial's: a trial whose reports
/// cannot get through within <see cref="WorkerOptions.ClusterRetryWindow"/>, or whose dataset this worker cannot load,
/// is handed back and resumes elsewhere. On stop it cancels running trials, releases their leases (they resume
/// elsewhere from their last checkpoint) and unregisters. Leases it cannot renew expire on the silo side.
/// Trials are placed on the worker's GPUs by a <see cref="TrialPacker"/>: several trials asking for a share of a GPU
/// train on one device at once, each checkpointed and handed back on its own. One that runs out of memory fails alone
/// (<see cref="OutOfMemoryPolicy"/>), after one more try with the device to itself when it was sharing it.
/// <paramref name="instruments"/> defaults to standalone instruments (a worker built without dependency injection).
/// </summary>
public sealed partial class WorkerService(
    IClusterClient client, ITrialRunner runner, IOptions<WorkerOptions> options, ILogger<WorkerService> logger,
    WorkerInstruments? instruments = null) : BackgroundService
{
    private readonly WorkerInstruments _instruments = instruments ?? WorkerInstruments.Standalone();
    private readonly bool _ownsInstruments = instruments is null;
    private readonly ConcurrentDictionary<Guid, RunningTrial> _running = new();
    private readonly SemaphoreSlim _trialEnded = new(0);
    private readonly WorkerOptions _options = options.Value;
    // Datasets this worker failed to load, and since when: campaigns that need them lease it nothing for a while.
    private readonly ConcurrentDictionary<string, DateTimeOffset> _unavailableDatasets = new();
    private static readonly TimeSpan ShutdownReleaseWindow = TimeSpan.FromSeconds(5);
    private TrialPacker? _packer;

    /// <summary>The worker's id.</summary>
    public string WorkerId => _options.ResolvedWorkerId;

    /// <summary>Leases of the trials running now.</summary>
    public IReadOnlyList<TrialLease> RunningLeases => [.. _running.Values.Select(t => t.Lease)];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var capabilities = WorkerCapabilities.Detect(_options);
        var packer = _packer = new TrialPacker(capabilities);
        var registry = client.GetGrain<IWorkerRegistryGrain>(IWorkerRegistryGrain.Key);
        var dispatcher = client.GetGrain<IDispatcherGrain>(IDispatcherGrain.Key);
        // A worker may start before its silos: it keeps registering until one answers or it is stopped.
        await new ClusterCalls(_options, CallFailed).RunAsync("register",
            () => registry.RegisterAsync(new WorkerRegistration(WorkerId, Environment.MachineName, capabilities)), stoppingToken, Timeout.InfiniteTimeSpan);
        LogStarted(WorkerId, capabilities.Device, capabilities.TrialSlots);

        using var heartbeatStop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var heartbeats = HeartbeatLoopAsync(registry, heartbeatStop.Token);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var free = FreeResources(packer);
                TrialLease? lease = null;
                if (free.TrialSlots > 0)
                {
                    // Bounded like every other call: one caught by a silo's death would hold up the loop, and a stop, for
                    // Orleans' whole response timeout.
                    try { lease = await dispatcher.TryLeaseAsync(WorkerId, free).WaitAsync(_options.CallTimeout, CancellationToken.None); }
                    catch (Exception e) when (e is not OperationCanceledException) { CallFailed("lease", e); }
                }
                if (lease is not null)
                {
                    Start(packer, lease, stoppingToken);
                    continue;
                }
                // Wake early when a trial ends, so its resources are offered again at once.
                try { await _trialEnded.WaitAsync(_options.PollInterval, stoppingToken); }
                catch (OperationCanceledException) { break; }
            }
        }
        finally
        {
            var open = _running.Values.ToList();
            await Task.WhenAll(open.Select(t => t.Task));
            await heartbeatStop.CancelAsync();
            try { await heartbeats; } catch (OperationCanceledException) { }
            // One try, bounded: a silent cluster must not spend the stop's grace period; the registry marks a worker that
            // stops heartbeating offline anyway.
            try { await registry.UnregisterAsync(WorkerId).WaitAsync(_options.CallTimeout, CancellationToken.None); }
            catch (Exception e) { CallFailed("unregister", e); }
            LogStopped(WorkerId, open.Count);
        }
    }

    private WorkerResources FreeResources(TrialPacker packer)
    {
        var free = packer.Free();
        if (_unavailableDatasets.IsEmpty) return free;
        var now = DateTimeOffset.UtcNow;
        foreach (var (dataset, since) in _unavailableDatasets)
            if (now - since >= _options.DatasetRetryInterval) _unavailableDatasets.TryRemove(new(dataset, since));
        return free with { UnavailableDatasets = [.. _unavailableDatasets.Keys] };
    }

    private void Start(TrialPacker packer, TrialLease lease, CancellationToken stoppingToken)
    {
        var trial = new RunningTrial(lease, stoppingToken) { Placement = packer.TryPlace(lease.LeaseId, lease.Resources) };
        _running[lease.LeaseId] = trial;
        trial.Task = Task.Run(() => RunTrialAsync(trial, stoppingToken), CancellationToken.None);
    }

    private async Task RunTrialAsync(RunningTrial trial, CancellationToken stoppingToken)
    {
        var lease = trial.Lease;
        var end = WorkerTrialEnd.Unreported;
        _instruments.TrialsStarted.Add(1);
        _instruments.TrialsRunning.Add(1);
        try
        {
            LogTrialStarted(lease.TrialId, lease.CampaignId, lease.Attempt, lease.ResumeFromEpoch);
            end = await RunLeaseAsync(trial, client.GetGrain<ICampaignGrain>(lease.CampaignId), stoppingToken);
        }
        catch (Exception e)
        {
            // Nothing could be reported, not even a hand-back: the lease expires and the trial resumes elsewhere.
            _instruments.RecordCallFailure("report");
            LogCallFailed($"trial {lease.TrialId}", e);
        }
        finally
        {
            _instruments.TrialsRunning.Add(-1);
            _instruments.RecordEnd(end);
            _running.TryRemove(lease.LeaseId, out _);
            _packer?.Remove(lease.LeaseId);
            trial.Dispose();
            _trialEnded.Release();
        }
    }

    /// <summary>
    /// Trains one lease and reports how it ended. Only the trial's own failures (an unreadable config, NaN, out of
    /// memory) end it Failed; the cluster failing past the retry window, or a dataset this worker cannot load, hand
    /// it back to resume elsewhere.
    /// </summary>
    private async Task<WorkerTrialEnd> RunLeaseAsync(RunningTrial trial, ICampaignGrain campaign, CancellationToken stoppingToken)
    {
        var lease = trial.Lease;
        var calls = new ClusterCalls(_options, CallFailed);
        CampaignEpochSink? sink = null;
        TrialResult result;
        // The silo leases only what the worker's free resources hold, and trials only leave meanwhile: never expected.
        if (trial.Placement is not { } placement)
            return await HandBackAsync(campaign, calls, lease, ReleaseCause.Fault, "no device on this worker has room for the trial", stoppingToken);
        try
        {
            var config = lease.ReadConfig();
            var checkpoint = lease.ResumeFromEpoch is null
                ? null
                : await calls.RunAsync("checkpoint load", () => campaign.LoadCheckpointAsync(lease.LeaseId), trial.Token);
            sink = new CampaignEpochSink(campaign, lease, _options, config.Training.Epochs, calls, trial.MarkLeaseLost, _instruments);
            var recording = new CheckpointRecordingSink(sink);
            result = await RunOnceAsync(new TrialRun(lease, config, checkpoint, _options) { Placement = placement }, recording, sink, trial.Token);
            if (OutOfMemoryPolicy.Decide(result, _packer!.WasShared(lease.LeaseId), retriedAlone: false, _options.RetryOutOfMemoryAlone)
                == OutOfMemoryDecision.RetryAlone)
            {
                result = await RetryAloneAsync(trial, config, (lease.ResumeFromEpoch, checkpoint), recording, sink, result);
            }
        }
        catch (SpecException e)
        {
            result = new TrialResult(TrialStatus.Failed, 0, null, $"unreadable trial config: {e.Message}");
        }
        catch (DatasetUnavailableException e)
        {
            _unavailableDatasets[lease.DatasetKey()] = DateTimeOffset.UtcNow;
            LogDatasetUnavailable(lease.Dataset, e.Reason);
            return await HandBackAsync(campaign, calls, lease, ReleaseCause.DatasetUnavailable, e.Reason, stoppingToken);
        }
        catch (ClusterUnavailableException e)
        {
            return await HandBackAsync(campaign, calls, lease, ReleaseCause.Fault, e.Message, stoppingToken);
        }
        catch (OperationCanceledException) when (sink?.Unavailable is { } unavailable)
        {
            return await HandBackAsync(campaign, calls, lease, ReleaseCause.Fault, unavailable.Message, stoppingToken);
        }
        catch (OperationCanceledException) when (trial.LeaseLost)
        {
            LogLeaseLost(lease.TrialId, lease.LeaseId);
            return WorkerTrialEnd.LeaseLost;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            var end = await HandBackAsync(campaign, calls, lease, ReleaseCause.Shutdown, "worker shutting down", stoppingToken);
            LogReleased(lease.TrialId, sink?.LastEpoch ?? 0, end == WorkerTrialEnd.Released);
            return end;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A failure of this trial (NaN, out of memory, bad data) ends the trial, not the worker.
            result = new TrialResult(TrialStatus.Failed, sink?.LastEpoch ?? 0, null, $"{e.GetType().Name}: {e.Message}");
        }

        // A report still being retried lands before the completion.
        if (sink is not null && await sink.FlushAsync(CancellationToken.None) == EpochDecision.LeaseLost)
        {
            if (sink.Unavailable is { } unavailable)
                return await HandBackAsync(campaign, calls, lease, ReleaseCause.Fault, unavailable.Message, stoppingToken);
            return WorkerTrialEnd.LeaseLost;
        }
        if (trial.LeaseLost) return WorkerTrialEnd.LeaseLost;
        bool accepted;
        try
        {
            accepted = await calls.RunAsync("complete", () => campaign.CompleteAsync(lease.LeaseId, result), stoppingToken);
        }
        catch (ClusterUnavailableException e)
        {
            return await HandBackAsync(campaign, calls, lease, ReleaseCause.Fault, e.Message, stoppingToken);
        }
        LogTrialEnded(lease.TrialId, result.End, result.EpochsRun, accepted);
        return accepted ? WorkerTrialEnds.From(result.End) : WorkerTrialEnd.LeaseLost;
    }

    /// <summary>
    /// One run of the runner. Out of memory should come back as a failed result; one thrown (building the model on the
    /// device, the test pass) is taken as if returned, so that <see cref="OutOfMemoryPolicy"/> decides about it too.
    /// </summary>
    private async Task<TrialResult> RunOnceAsync(TrialRun run, IEpochSink sink, CampaignEpochSink reported, CancellationToken cancellationToken)
    {
        try
        {
            return await runner.RunAsync(run, sink, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException && OutOfMemoryPolicy.IsOutOfMemory(e))
        {
            return new TrialResult(TrialStatus.Failed, reported.LastEpoch, null, $"{e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary>
    /// Runs a trial that ran out of memory while sharing its GPU again, with a device to itself (waiting for its
    /// neighbours to end if no device is idle), from its last checkpoint. Its result stands, whatever it is; if it runs
    /// out of memory again the reason says it did so alone.
    /// </summary>
    private async Task<TrialResult> RetryAloneAsync(RunningTrial trial, TrialConfig config, (int? Epoch, byte[]? Bytes) leaseStart,
        CheckpointRecordingSink sink, CampaignEpochSink reported, TrialResult packed)
    {
        var lease = trial.Lease;
        LogRetryingAlone(lease.TrialId, packed.Reason);
        var alone = await _packer!.ClaimAloneAsync(lease.LeaseId, trial.Token);
        var (epoch, bytes) = sink.Last is { } last ? ((int?)last.Epoch, last.Bytes) : leaseStart;
        var retry = await RunOnceAsync(
            new TrialRun(lease with { ResumeFromEpoch = epoch }, config, bytes, _options) { Placement = alone }, sink, reported, trial.Token);
        return OutOfMemoryPolicy.Decide(retry, shared: false, retriedAlone: true, _options.RetryOutOfMemoryAlone) == OutOfMemoryDecision.Fail
            ? retry with { Reason = $"{retry.Reason} (alone on {alone}, after running out of memory while sharing the device)" }
            : retry;
    }

    /// <summary>
    /// Gives the lease back so the trial resumes elsewhere from its checkpoint; if even that fails, the lease expires.
    /// A shutdown hand-back is tried only briefly: the host's stop is waiting.
    /// </summary>
    private async Task<WorkerTrialEnd> HandBackAsync(ICampaignGrain campaign, ClusterCalls calls, TrialLease lease, ReleaseCause cause,
        string reason, CancellationToken stoppingToken)
    {
        using var bounded = cause == ReleaseCause.Shutdown ? new CancellationTokenSource(ShutdownReleaseWindow) : null;
        var token = bounded?.Token ?? stoppingToken;
        try
        {
            var released = await calls.RunAsync("release", () => campaign.ReleaseAsync(lease.LeaseId, cause, reason), token);
            if (cause != ReleaseCause.Shutdown) LogHandedBack(lease.TrialId, cause, reason, released);
            return released ? WorkerTrialEnd.Released : WorkerTrialEnd.LeaseLost;
        }
        catch (Exception e) when (e is ClusterUnavailableException or OperationCanceledException)
        {
            LogCallFailed($"release of trial {lease.TrialId}", e);
            return WorkerTrialEnd.Unreported;
        }
    }

    private async Task HeartbeatLoopAsync(IWorkerRegistryGrain registry, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_options.HeartbeatInterval);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            try
            {
                var leases = _running.Values.Select(t => t.Lease.Ref).ToList();
                // Bounded, so a heartbeat caught by the death of the registry's silo does not hold up the next ones
                // (and the renewals they carry) for Orleans' whole response timeout.
                var lost = await registry.HeartbeatAsync(WorkerId, leases).WaitAsync(_options.CallTimeout, cancellationToken);
                foreach (var gone in lost)
                    if (_running.TryGetValue(gone.LeaseId, out var trial)) trial.MarkLeaseLost();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                CallFailed("heartbeat", e);
            }
        }
    }

    private void CallFailed(string call, Exception exception)
    {
        _instruments.RecordCallFailure(call);
        LogCallFailed(call, exception);
    }

    public override void Dispose()
    {
        if (_ownsInstruments) _instruments.Dispose();
        base.Dispose();
    }
}
