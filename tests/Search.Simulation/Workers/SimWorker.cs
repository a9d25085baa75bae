using NinSearch.Abstractions;
using NinSearch.Simulation.Checks;
using NinSearch.Simulation.Cluster;
using NinSearch.Simulation.Runtime;
using NinSearch.Spec;

namespace NinSearch.Simulation.Workers;

/// <summary>
/// A worker following the worker protocol (see Search.Worker's WorkerService): it polls for leases while it has a free
/// slot, trains each trial epoch by epoch (resuming from its checkpoint), reports every epoch and stops when told,
/// saves checkpoints, completes or hands back, and heartbeats its leases. Calls about a lease retry with backoff for the
/// retry window and then hand the trial back, as ClusterCalls does. Its misbehaviour (<see cref="Behaviour"/>) comes from
/// the schedule.
/// </summary>
public sealed class SimWorker
{
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(5);
    private readonly SimRuntime _runtime;
    private readonly SimNetwork _network;
    private readonly Ledger _ledger;
    private readonly WorkerSettings _workerSettings;
    private readonly Dictionary<Guid, TrialLease> _running = [];
    private readonly HashSet<Guid> _lost = [];

    public SimWorker(SimRuntime runtime, SimNetwork network, Ledger ledger, string id, int slots, WorkerSettings timings, int process = 1)
    {
        _runtime = runtime;
        _network = network;
        _ledger = ledger;
        _workerSettings = timings;
        Id = id;
        Slots = slots;
        Process = process;
        Context = runtime.CreateContext(process == 1 ? id : $"{id}#{process}");
    }

    /// <summary>Which process under this worker id (a restarted worker keeps its id, not its leases).</summary>
    public int Process { get; }

    /// <summary>Raised when the process dies; the simulator may start another under the same id.</summary>
    public event Action<SimWorker>? Died;

    public string Id { get; }
    public int Slots { get; }
    public SimContext Context { get; }
    public WorkerBehaviour Behaviour { get; set; } = WorkerBehaviour.Healthy;

    /// <summary>Trials it is training now.</summary>
    public int Running => _running.Count;

    /// <summary>Whether the process is gone.</summary>
    public bool Vanished => Context.Dead;

    /// <summary>Starts its lease loop and heartbeat loop.</summary>
    public void Start() => _runtime.RunAs(Context, () =>
    {
        _ = LeaseLoopAsync();
        _ = HeartbeatLoopAsync();
        return true;
    });

    private Choices Choices => _runtime.Choices;
    private DateTimeOffset Now => _runtime.Clock.GetUtcNow();

    private string Name(Guid id) => _runtime.Trace?.Name(id, "L") ?? "";

    private async Task LeaseLoopAsync()
    {
        while (true)
        {
            if (_running.Count < Slots)
            {
                TrialLease? lease = null;
                var free = new WorkerResources(DeviceKind.Cpu, 0, 0, Slots - _running.Count, Slots - _running.Count);
                try
                {
                    lease = await _network.CallAsync(Context, $"{Id} TryLease", c => c.TryLeaseAsync(Id, free));
                }
                catch (Exception)
                {
                    // A failed lease call is retried at the next poll, as the worker does.
                }
                if (lease is not null && !_running.ContainsKey(lease.LeaseId))
                {
                    _ledger.Granted(lease, Id, Now);
                    _running[lease.LeaseId] = lease;
                    _ = TrainAsync(lease);
                    continue;
                }
            }
            await _runtime.Delay(Context, _workerSettings.PollInterval, "polls");
        }
    }

    private async Task HeartbeatLoopAsync()
    {
        while (true)
        {
            await _runtime.Delay(Context, _workerSettings.HeartbeatInterval, "heartbeat");
            if (_running.Count == 0) continue;
            var leases = _running.Keys.ToList();
            var sent = Now;
            try
            {
                var lost = await _network.CallAsync(Context, $"{Id} Renew", c => c.RenewLeasesAsync(Id, leases));
                foreach (var leaseId in leases)
                {
                    if (lost.Contains(leaseId))
                    {
                        _lost.Add(leaseId);
                        _ledger.Ended(leaseId);
                    }
                    else
                    {
                        _ledger.Renewed(leaseId, sent, Now);
                    }
                }
            }
            catch (Exception)
            {
                // The next heartbeat carries the renewals again.
            }
        }
    }

    private async Task TrainAsync(TrialLease lease)
    {
        try
        {
            await TrainCoreAsync(lease);
        }
        catch (ClusterGoneException)
        {
            // Nothing could be reported, not even a hand-back: the lease expires and the trial resumes elsewhere.
        }
        finally
        {
            _running.Remove(lease.LeaseId);
        }
    }

    private async Task TrainCoreAsync(TrialLease lease)
    {
        var epochs = Math.Min(lease.ReadConfig().Training.Epochs, _workerSettings.MaxTrialEpochs);
        var epoch = lease.ResumeFromEpoch ?? 0;
        var trace = $"{Id} {Name(lease.LeaseId)}";
        if (lease.ResumeFromEpoch is not null)
        {
            var checkpoint = await CallAboutLeaseAsync(lease, $"{trace} LoadCheckpoint", c => c.LoadCheckpointAsync(lease.LeaseId));
            if (checkpoint.Failed) return;
            epoch = checkpoint.Value is { Length: >= 4 } bytes ? BitConverter.ToInt32(bytes) : 0;
        }
        var end = TrialStatus.Complete;
        string? reason = null;
        while (epoch < epochs)
        {
            await _runtime.Delay(Context, TimeSpan.FromSeconds(Choices.Between(1, Math.Max(1, Behaviour.MaxEpochSeconds))), $"{trace} trains");
            if (Choices.Chance(Behaviour.Stall)) await _runtime.Delay(Context, TimeSpan.FromSeconds(Choices.Between(20, 90)), $"{trace} stalls");
            if (_lost.Contains(lease.LeaseId)) return;
            if (Choices.Chance(Behaviour.Vanish))
            {
                _runtime.Trace?.Add(Now, Context.Name, "vanishes");
                Context.Kill();
                Died?.Invoke(this);
                return;
            }
            if (Choices.Chance(Behaviour.FaultRelease))
            {
                await HandBackAsync(lease, ReleaseCause.Fault, "simulated fault");
                return;
            }
            if (Choices.Chance(Behaviour.ShutdownRelease))
            {
                await HandBackAsync(lease, ReleaseCause.Shutdown, "worker shutting down");
                return;
            }
            if (Choices.Chance(Behaviour.FailTrial))
            {
                end = TrialStatus.Failed;
                reason = "simulated NaN loss";
                break;
            }
            epoch++;
            var metrics = new EpochMetrics(epoch, 1.0 / epoch, 0.5, 1.0 / epoch, Choices.Next(1000) / 1000.0, 1.0);
            var report = await CallAboutLeaseAsync(lease, $"{trace} Report e{epoch}", c => c.ReportEpochAsync(lease.LeaseId, metrics));
            if (report.Failed) return;
            if (report.Value!.Decision == EpochDecision.LeaseLost)
            {
                _ledger.Ended(lease.LeaseId);
                return;
            }
            _ledger.EpochAcknowledged(lease.TrialId, epoch);
            if (!report.Value.Decision.KeepsTraining())
            {
                end = TrialStatus.Pruned;
                reason = report.Value.Reason;
                break;
            }
            if (epoch < epochs && Choices.Chance(Behaviour.Checkpoint))
            {
                var saved = await CallAboutLeaseAsync(lease, $"{trace} SaveCheckpoint e{epoch}",
                    c => c.SaveCheckpointAsync(lease.LeaseId, epoch, BitConverter.GetBytes(epoch)));
                if (saved.Failed) return;
                if (!saved.Value)
                {
                    _ledger.Ended(lease.LeaseId);
                    return;
                }
            }
        }
        var result = new TrialResult(end, epoch, end == TrialStatus.Complete ? 0.5 : null, reason);
        _ledger.Ended(lease.LeaseId); // training is over: only the completion (retried) remains
        await CallAboutLeaseAsync(lease, $"{trace} Complete {end}", c => c.CompleteAsync(lease.LeaseId, result));
    }

    private async Task HandBackAsync(TrialLease lease, ReleaseCause cause, string reason)
    {
        // From the hand-back on the worker trains nothing under this lease: another worker may have the trial at once.
        _ledger.Ended(lease.LeaseId);
        var released = await RetryAsync($"{Id} {Name(lease.LeaseId)} Release {cause}", c => c.ReleaseAsync(lease.LeaseId, cause, reason));
        if (released.Failed) throw new ClusterGoneException();
    }

    /// <summary>A call about a lease: retried; when the cluster stays away for the whole window, the trial is handed back.</summary>
    private async Task<Outcome<T>> CallAboutLeaseAsync<T>(TrialLease lease, string label, Func<ICoordinatorUnderTest, Task<T>> call)
    {
        var outcome = await RetryAsync(label, call);
        if (outcome.Failed) await HandBackAsync(lease, ReleaseCause.Fault, $"cluster unavailable during {label}");
        return outcome;
    }

    private async Task<Outcome<T>> RetryAsync<T>(string label, Func<ICoordinatorUnderTest, Task<T>> call)
    {
        var started = Now;
        var delay = FirstRetryDelay;
        while (true)
        {
            try
            {
                return new Outcome<T>(await _network.CallAsync(Context, label, call), false);
            }
            catch (Exception error) when (error is not ArgumentException)
            {
                if (Now - started + delay > _workerSettings.RetryWindow) return new Outcome<T>(default, true);
                await _runtime.Delay(Context, delay, $"{label} backs off");
                delay = TimeSpan.FromTicks(Math.Min(MaxRetryDelay.Ticks, delay.Ticks * 2));
            }
        }
    }

    private readonly record struct Outcome<T>(T? Value, bool Failed);

    private sealed class ClusterGoneException : Exception;
}

/// <summary>The worker's timings (WorkerOptions) and how long its trials are.</summary>
public sealed record WorkerSettings
{
    /// <summary>
    /// Epochs a trial trains at most, whatever its configuration says: schedules stay short (the coordinator does not
    /// hold a trial to its configured epochs; the worker decides when it is done).
    /// </summary>
    public int MaxTrialEpochs { get; init; } = 4;

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(5);
    public TimeSpan RetryWindow { get; init; } = TimeSpan.FromSeconds(30);
}
