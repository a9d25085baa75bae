using NinSearch.Silo.Coordination;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using NinSearch.Abstractions;
using NinSearch.Silo.Hosting;
using NinSearch.Silo.Metrics;
using NinSearch.Silo.Search;
using NinSearch.Simulation.Checks;
using NinSearch.Simulation.Cluster;
using NinSearch.Simulation.Runtime;
using NinSearch.Simulation.Store;
using NinSearch.Simulation.Workers;
using NinSearch.Spec;
using NinSearch.Store.InMemory;

namespace NinSearch.Simulation;

/// <summary>
/// Runs one schedule: a campaign on a simulated silo with simulated workers, first in a chaos phase (store faults,
/// network faults, misbehaving workers, silo crashes), then in a calm phase in which the campaign must end within
/// bounded simulated time. Every invariant is checked after every step that could break it and at the end; the first
/// violation ends the schedule.
/// </summary>
public sealed class Simulator
{
    private const string CampaignId = "sim";
    private static readonly SearchInstruments Instruments =
        new(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>());
    private static readonly ICampaignSearchFactory SearchFactory = new DefaultCampaignSearchFactory();

    private readonly SimulationOptions _options;
    private readonly SimRuntime _runtime;
    private readonly ScheduleSettings _settings;
    private readonly SimulatedStore _store;
    private readonly SiloOptions _siloOptions;
    private readonly SimSilo _silo;
    private readonly SimNetwork _network;
    private readonly Ledger _ledger;
    private readonly StoreChecks _checks;
    private readonly List<SimWorker> _workers = [];
    private readonly WorkerSettings _workerSettings;
    private InvariantViolation? _pendingViolation;
    private long _checkedVersion = -1;
    private int _checkedAcks = -1;
    private long _digestVersion;
    private int _digestChecksLeft;
    private bool _ended;
    private readonly SimContext _cluster;
    private WorkerBehaviour _behaviour;
    private int _ids;
    private (SimSilo.Activation Crashed, NinSearch.Silo.Coordination.StateDigest Digest)? _beforeCrash;

    private Simulator(Choices choices, SimulationOptions options, SimTrace? trace)
    {
        _options = options;
        _runtime = new SimRuntime(choices, trace);
        _settings = ScheduleSettings.Draw(choices);
        _store = new SimulatedStore(_runtime, new InMemoryCampaignStore(_runtime.Clock));
        _siloOptions = new SiloOptions
        {
            LeaseDuration = _settings.LeaseDuration,
            LeaseCheckInterval = _settings.LeaseCheckInterval,
            MaxFailedAttempts = _settings.MaxFailedAttempts,
        };
        _silo = new SimSilo(_runtime, _store, _settings.LeaseCheckInterval, (context, host) => Create(_store, _runtime.Clock, host, context.Scheduler));
        _silo.Activated += OnActivated;
        _network = new SimNetwork(_runtime, _silo);
        _ledger = new Ledger(_settings.LeaseDuration);
        _workerSettings = new WorkerSettings { MaxTrialEpochs = _settings.EpochsPerTrial };
        _cluster = _runtime.CreateContext("cluster");
        _behaviour = _settings.WorkerBehaviour;
        _checks = new StoreChecks(_store.Inner, CampaignId, _settings.Definition.Budget, _settings.WorkerSlots.Sum(), _ledger);
        _store.LeaseWritten += (_, now) =>
        {
            try { _checks.CheckLeaseTime(now); }
            catch (InvariantViolation violation) { _pendingViolation ??= violation; }
        };
        _digestChecksLeft = options.DigestChecks;
    }

    /// <summary>Runs the schedule of <paramref name="seed"/>.</summary>
    public static ScheduleOutcome Run(long seed, SimulationOptions options, bool trace = false) =>
        Run(Choices.FromSeed(seed), options, trace);

    /// <summary>Runs the schedule these choices make (a seed's, or a recorded and edited list).</summary>
    public static ScheduleOutcome Run(Choices choices, SimulationOptions options, bool trace = false)
    {
        var simulation = new Simulator(choices, options, trace ? new SimTrace() : null);
        InvariantViolation? violation = null;
        try
        {
            simulation.RunPhases();
        }
        catch (InvariantViolation caught)
        {
            violation = caught;
            simulation._runtime.Trace?.Add(simulation._runtime.Clock.GetUtcNow(), "CHECK", $"violated {caught.Message}");
        }
        var runtime = simulation._runtime;
        return new ScheduleOutcome(violation, runtime.Steps, runtime.Clock.GetUtcNow() - SimClock.Start, simulation._silo.Crashes,
            simulation._ledger.Grants, choices.Count, runtime.Trace?.ToString());
    }

    private ICoordinatorUnderTest Create(NinSearch.Store.ICampaignStore store, SimClock clock, ICampaignHost host, TaskScheduler drawScheduler) =>
        _options.Coordinator(new CoordinatorParts(CampaignId, store, SearchFactory, new SearchClock(clock), _siloOptions, Instruments, host, drawScheduler, NextId));

    // Ids in order of creation: a schedule's ids (and so every order that depends on them) repeat with its seed.
    private Guid NextId() => new(++_ids, 0x5EED, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    private void RunPhases()
    {
        var choices = _runtime.Choices;
        _store.Faults = _settings.StoreFaults;
        _network.Faults = _settings.MessageFaults;
        for (var i = 0; i < _settings.WorkerSlots.Length; i++) AddWorker($"w{i + 1}", _settings.WorkerSlots[i], _settings.WorkerBehaviour);
        var client = _runtime.CreateContext("client");
        _runtime.RunAs(client, () => ClientAsync(client));

        // Chaos.
        while (_runtime.Steps < _options.ChaosSteps && !_ended)
        {
            if (choices.Chance(_settings.CrashPerMillion)) Crash();
            if (!_runtime.Step(_settings.JumpPerMillion)) break;
            AfterStep();
        }

        // Calm: the campaign must now end, and every trial with it, in bounded simulated time.
        _store.Faults = StoreFaults.None;
        _network.Faults = MessageFaults.None;
        foreach (var worker in _workers) worker.Behaviour = WorkerBehaviour.Healthy;
        _behaviour = WorkerBehaviour.Healthy;
        if (_workers.All(w => w.Vanished)) AddWorker("w-calm", 1, WorkerBehaviour.Healthy);
        var deadline = _runtime.Clock.GetUtcNow() + _options.CalmLimit;
        while (!_ended || !AllTrialsEnded())
        {
            if (_runtime.Clock.GetUtcNow() > deadline)
                throw new InvariantViolation("campaign-never-ends", $"not ended {_options.CalmLimit.TotalMinutes} simulated minutes into the calm phase: {Describe()}", WedgeKind());
            if (_runtime.Steps > _options.MaxSteps)
                throw new InvariantViolation("livelock", $"{_runtime.Steps} steps without ending: {Describe()}");
            _runtime.Step(0);
            AfterStep();
        }

        // Settle: what was in flight lands; then, at a quiescent moment, memory must equal the store.
        var settled = _runtime.Clock.GetUtcNow() + _settings.LeaseDuration;
        while (_runtime.Clock.GetUtcNow() < settled && _runtime.Steps < _options.MaxSteps)
        {
            _runtime.Step(0);
            AfterStep();
        }
        _checks.CheckEnd();
        for (var i = 0; i < 10_000 && _runtime.Steps < _options.MaxSteps * 2; i++)
        {
            if (_silo.Active is not { } active) break;
            if (active.Quiescent)
            {
                CompareWithRebuild(active, strict: true);
                break;
            }
            _runtime.Step(0);
            AfterStep();
        }
    }

    private void AddWorker(string id, int slots, WorkerBehaviour behaviour, int process = 1)
    {
        var worker = new SimWorker(_runtime, _network, _ledger, id, slots, _workerSettings, process) { Behaviour = behaviour };
        worker.Died += Restart;
        _workers.Add(worker);
        worker.Start();
    }

    // Half the workers that die come back under the same id (a restarted process): their renewals name none of the old
    // process's leases, which must expire.
    private void Restart(SimWorker dead)
    {
        if (!_runtime.Choices.Chance(500_000)) return;
        _runtime.At(_cluster, TimeSpan.FromSeconds(_runtime.Choices.Between(1, 30)), $"{dead.Id} restarts",
            () => AddWorker(dead.Id, dead.Slots, _behaviour, dead.Process + 1));
    }

    private async Task<bool> ClientAsync(SimContext client)
    {
        while (true)
        {
            try
            {
                await _network.CallAsync(client, "client Start", c => c.StartAsync(_settings.Definition));
                break;
            }
            catch (Exception)
            {
                await _runtime.Delay(client, TimeSpan.FromSeconds(2), "client retries");
            }
        }
        if (_settings.CancelAfter is not { } after) return true;
        await _runtime.Delay(client, after, "client waits to cancel");
        while (true)
        {
            try
            {
                await _network.CallAsync(client, "client Cancel", c => c.CancelAsync("cancelled by the simulation"));
                return true;
            }
            catch (Exception)
            {
                await _runtime.Delay(client, TimeSpan.FromSeconds(2), "client retries");
            }
        }
    }

    private void Crash()
    {
        if (_silo.Active is not { } active) return;
        // The state a crash loses must come back from the store, when nothing was in flight to blur what the store knows.
        _beforeCrash = active.Quiescent && !_store.HiddenCommits.ContainsKey(active.Context) ? (active, active.Coordinator.Digest()) : null;
        var down = TimeSpan.FromSeconds(_runtime.Choices.Between(0, 20));
        _runtime.Trace?.Add(_runtime.Clock.GetUtcNow(), "CRASH", $"{active.Context.Name} crashes; the silo is down for {down.TotalSeconds} s");
        _silo.Crash(down);
    }

    private void OnActivated(SimSilo.Activation activation)
    {
        if (_beforeCrash is not { } before || before.Crashed == activation) return;
        _beforeCrash = null;
        var rebuilt = activation.Coordinator.Digest();
        // Recorded, not thrown: this runs inside the activation's async code.
        if (DigestComparison.Differences(before.Digest, rebuilt) is { } differences)
            _pendingViolation ??= new InvariantViolation("rebuilt-state-differs", $"after a crash: {differences}", DigestComparison.Kind(differences));
    }

    private void AfterStep()
    {
        if (_ledger.Violation is { } promise) throw promise;
        if (_pendingViolation is { } storeViolation) throw storeViolation;
        if (_silo.Defect is { } defect)
            throw new InvariantViolation("coordinator-defect", $"{defect.GetType().Name}: {defect.Message} at {defect.StackTrace?.Split('\n').FirstOrDefault()?.Trim()}");
        if (_runtime.ForeignThreadUse is { } foreign) throw new InvariantViolation("nondeterminism", foreign);
        if (_store.Version != _checkedVersion || _ledger.Acknowledged.Count != _checkedAcks)
        {
            _checkedVersion = _store.Version;
            _checkedAcks = _ledger.Acknowledged.Count;
            _checks.Check();
            _ended = _store.Inner.GetCampaignAsync(CampaignId).Result?.Status is CampaignStatus.Completed or CampaignStatus.Cancelled or CampaignStatus.Failed;
        }
        if (_digestChecksLeft > 0 && _store.Version >= _digestVersion && _silo.Active is { Quiescent: true } active
            && !_store.HiddenCommits.ContainsKey(active.Context))
        {
            _digestChecksLeft--;
            _digestVersion = _store.Version + 1 + _runtime.Choices.Next(40);
            CompareWithRebuild(active, strict: false);
        }
    }

    /// <summary>Memory against a coordinator rebuilt from the store now (on a private runtime, no faults).</summary>
    private void CompareWithRebuild(SimSilo.Activation active, bool strict)
    {
        var clock = new SimClock(_runtime.Clock.GetUtcNow());
        var probe = new SimRuntime(Choices.Replay([]), null, clock);
        var context = probe.CreateContext("probe");
        var coordinator = Create(_store.Inner, clock, NullHost.Instance, context.Scheduler);
        var activation = probe.RunAs(context, () => coordinator.ActivateAsync(CancellationToken.None));
        probe.Drain(() => activation.IsCompleted);
        if (!activation.IsCompletedSuccessfully)
            throw new InvariantViolation("rebuild-fails", activation.Exception?.InnerException?.Message ?? "activation did not finish");
        var memory = active.Coordinator.Digest();
        var rebuilt = coordinator.Digest();
        var ambiguous = _store.HiddenCommits.ContainsKey(active.Context);
        if (DigestComparison.Differences(memory, rebuilt) is { } differences)
            throw new InvariantViolation("rebuilt-state-differs",
                $"{(strict ? "at the end" : "at a quiescent moment")}{(ambiguous ? " (after writes that failed once committed)" : "")}: {differences}",
                (ambiguous ? "after-ambiguous-write:" : "") + DigestComparison.Kind(differences));
    }

    private bool AllTrialsEnded() =>
        _store.Inner.GetTrialsAsync(CampaignId).Result.All(t => t.Status is not (TrialStatus.Waiting or TrialStatus.Running));

    private string WedgeKind()
    {
        var stored = _store.Inner.GetCampaignAsync(CampaignId).Result?.Status.ToString() ?? "none";
        var memory = _silo.Active?.Coordinator.Status.ToString() ?? "none";
        var open = string.Join(",", _store.Inner.GetTrialsAsync(CampaignId).Result
            .Where(t => t.Status is TrialStatus.Waiting or TrialStatus.Running).Select(t => t.Status).Distinct().Order());
        return $"{stored}/{memory}/{open}";
    }

    private string Describe()
    {
        var campaign = _store.Inner.GetCampaignAsync(CampaignId).Result;
        var trials = _store.Inner.GetTrialsAsync(CampaignId).Result;
        return $"campaign {campaign?.Status.ToString() ?? "not created"}, trials [{string.Join(", ", trials.Select(t => $"{t.Number}:{t.Status}"))}], "
            + $"memory {(_silo.Active is { } a ? Memory(a.Coordinator.Digest()) : "no activation")}";
    }

    // Memory's open trials are where a wedge hides: the store's rows alone cannot tell a wedged memory from a slow one.
    private static string Memory(StateDigest digest) =>
        $"{digest.Status}, open [{string.Join(", ", digest.Trials.Where(t => t.Status is TrialStatus.Waiting or TrialStatus.Running)
            .Select(t => $"{t.Number}:{t.Status} lease {t.LeaseId?.ToString()[..8] ?? "none"} attempt {t.Attempt}"))}]";

    private sealed class NullHost : ICampaignHost
    {
        public static NullHost Instance { get; } = new();
        public Task AddToDispatcherAsync(string campaignId) => Task.CompletedTask;
        public Task RemoveFromDispatcherAsync(string campaignId) => Task.CompletedTask;
        public void StartSweeps() { }
        public void StopSweeps() { }
        public void Deactivate() { }
        public void Publish(CampaignUpdate update) { }
        public bool HasObservers => false;
    }
}
