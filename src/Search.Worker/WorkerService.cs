using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NinSearch.Abstractions;
using NinSearch.Spec;
using NinSearch.Worker.Metrics;
using NinSearch.Worker.Runners;

namespace NinSearch.Worker;

/// <summary>
/// The worker loop: registers, heartbeats, pulls trials from the dispatcher while resources are free, runs each with
/// the <see cref="ITrialRunner"/> and reports its end. A trial that fails is reported failed and the worker goes on.
/// On stop it cancels running trials, releases their leases (they resume elsewhere from their last checkpoint) and
/// unregisters. If the cluster is unreachable it keeps retrying; leases it cannot renew expire on the silo side.
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

    /// <summary>The worker's id.</summary>
    public string WorkerId => _options.ResolvedWorkerId;

    /// <summary>Leases of the trials running now.</summary>
    public IReadOnlyList<TrialLease> RunningLeases => [.. _running.Values.Select(t => t.Lease)];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var capabilities = WorkerCapabilities.Detect(_options);
        var registry = client.GetGrain<IWorkerRegistryGrain>(IWorkerRegistryGrain.Key);
        var dispatcher = client.GetGrain<IDispatcherGrain>(IDispatcherGrain.Key);
        await RetryAsync(() => registry.RegisterAsync(new WorkerRegistration(WorkerId, Environment.MachineName, capabilities)), stoppingToken);
        LogStarted(WorkerId, capabilities.Device, capabilities.TrialSlots);

        using var heartbeatStop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var heartbeats = HeartbeatLoopAsync(registry, heartbeatStop.Token);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var free = FreeResources(capabilities);
                TrialLease? lease = null;
                if (free.TrialSlots > 0)
                {
                    try { lease = await dispatcher.TryLeaseAsync(WorkerId, free); }
                    catch (Exception e) when (e is not OperationCanceledException) { CallFailed("lease", e); }
                }
                if (lease is not null)
                {
                    Start(lease, stoppingToken);
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
            try { await registry.UnregisterAsync(WorkerId); }
            catch (Exception e) { CallFailed("unregister", e); }
            LogStopped(WorkerId, open.Count);
        }
    }

    private WorkerResources FreeResources(WorkerResources capabilities) =>
        _running.Values.Aggregate(capabilities, (free, trial) => free.Minus(trial.Lease.Resources));

    private void Start(TrialLease lease, CancellationToken stoppingToken)
    {
        var trial = new RunningTrial(lease, stoppingToken);
        _running[lease.LeaseId] = trial;
        trial.Task = Task.Run(() => RunTrialAsync(trial, stoppingToken), CancellationToken.None);
    }

    private async Task RunTrialAsync(RunningTrial trial, CancellationToken stoppingToken)
    {
        var lease = trial.Lease;
        var campaign = client.GetGrain<ICampaignGrain>(lease.CampaignId);
        var end = WorkerTrialEnd.Unreported;
        _instruments.TrialsStarted.Add(1);
        _instruments.TrialsRunning.Add(1);
        try
        {
            LogTrialStarted(lease.TrialId, lease.CampaignId, lease.Attempt, lease.ResumeFromEpoch);
            TrialConfig config;
            try { config = lease.ReadConfig(); }
            catch (SpecException e)
            {
                await campaign.CompleteAsync(lease.LeaseId, new TrialResult(TrialStatus.Failed, 0, null, $"unreadable trial config: {e.Message}"));
                end = WorkerTrialEnd.Failed;
                return;
            }
            var checkpoint = lease.ResumeFromEpoch is null ? null : await campaign.LoadCheckpointAsync(lease.LeaseId);
            var sink = new CampaignEpochSink(campaign, lease, _options.CheckpointEveryEpochs, config.Training.Epochs, trial.MarkLeaseLost, _instruments);
            TrialResult result;
            try
            {
                result = await runner.RunAsync(new TrialRun(lease, config, checkpoint, _options), sink, trial.Token);
            }
            catch (OperationCanceledException) when (trial.LeaseLost)
            {
                LogLeaseLost(lease.TrialId, lease.LeaseId);
                end = WorkerTrialEnd.LeaseLost;
                return;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                var released = await campaign.ReleaseAsync(lease.LeaseId, "worker shutting down");
                LogReleased(lease.TrialId, sink.LastEpoch, released);
                end = WorkerTrialEnd.Released;
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A failure of this trial (NaN, out of memory, bad data) ends the trial, not the worker.
                result = new TrialResult(TrialStatus.Failed, sink.LastEpoch, null, $"{e.GetType().Name}: {e.Message}");
            }
            if (trial.LeaseLost)
            {
                end = WorkerTrialEnd.LeaseLost;
                return;
            }
            var accepted = await campaign.CompleteAsync(lease.LeaseId, result);
            LogTrialEnded(lease.TrialId, result.End, result.EpochsRun, accepted);
            end = accepted ? WorkerTrialEnds.From(result.End) : WorkerTrialEnd.LeaseLost;
        }
        catch (Exception e)
        {
            // The silo could not be reached: the lease expires and the trial resumes elsewhere.
            _instruments.RecordCallFailure("report");
            LogCallFailed($"trial {lease.TrialId}", e);
        }
        finally
        {
            _instruments.TrialsRunning.Add(-1);
            _instruments.RecordEnd(end);
            _running.TryRemove(lease.LeaseId, out _);
            trial.Dispose();
            _trialEnded.Release();
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
                var lost = await registry.HeartbeatAsync(WorkerId, leases);
                foreach (var gone in lost)
                    if (_running.TryGetValue(gone.LeaseId, out var trial)) trial.MarkLeaseLost();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                CallFailed("heartbeat", e);
            }
        }
    }

    private async Task RetryAsync(Func<Task> call, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await call();
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                CallFailed("register", e);
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(5000, 200 * attempt)), cancellationToken);
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
