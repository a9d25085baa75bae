using NinSearch.Silo.Coordination;
using NinSearch.Abstractions;
using NinSearch.Simulation.Runtime;
using NinSearch.Simulation.Store;

namespace NinSearch.Simulation.Cluster;

/// <summary>
/// The silo that hosts the campaign, as Orleans would: the coordinator is activated on the first call after a start or a
/// crash (its <c>ActivateAsync</c> runs before any call reaches it), its calls interleave at every await, its lease sweep
/// is a timer that does not overlap itself, and a crash drops the activation with everything it had in flight.
/// </summary>
public sealed class SimSilo
{
    private readonly SimRuntime _runtime;
    private readonly SimulatedStore _store;
    private readonly Func<SimContext, ICampaignHost, ICoordinatorUnderTest> _create;
    private readonly TimeSpan _sweepInterval;
    private DateTimeOffset _downUntil;
    private int _incarnations;

    public SimSilo(SimRuntime runtime, SimulatedStore store, TimeSpan sweepInterval, Func<SimContext, ICampaignHost, ICoordinatorUnderTest> create)
    {
        _runtime = runtime;
        _store = store;
        _sweepInterval = sweepInterval;
        _create = create;
    }

    /// <summary>The live activation, or null (none yet, crashed, or failed to activate).</summary>
    public Activation? Active { get; private set; }

    /// <summary>An activation finished activating (before any call reaches it).</summary>
    public event Action<Activation>? Activated;

    /// <summary>Crashes so far.</summary>
    public int Crashes { get; private set; }

    /// <summary>Exceptions of a kind that marks a defect in the coordinator (a null dereference, a missing key), first one wins.</summary>
    public Exception? Defect { get; private set; }

    /// <summary>Whether the silo is down (between a crash and the cluster noticing): calls fail at once.</summary>
    public bool IsDown => _runtime.Clock.GetUtcNow() < _downUntil;

    /// <summary>
    /// Delivers a call: runs <paramref name="call"/> on the activation (activating one first if needed) and hands the
    /// outcome to <paramref name="reply"/> as the activation's item; a crash before then means no reply at all.
    /// </summary>
    public void Deliver<T>(string label, Func<ICoordinatorUnderTest, Task<T>> call, Action<Task<T>> reply)
    {
        if (IsDown)
        {
            reply(Task.FromException<T>(new SiloUnavailableException("the campaign's silo is down")));
            return;
        }
        var activation = Active ?? Activate();
        _runtime.RunAs(activation.Context, () => activation.InvokeAsync(label, call, reply));
    }

    /// <summary>Kills the activation: its queued work never runs, its store requests land or vanish, and the silo is down for <paramref name="downFor"/>.</summary>
    public void Crash(TimeSpan downFor)
    {
        if (Active is not { } activation) return;
        Active = null;
        Crashes++;
        activation.Sweep?.Cancel();
        activation.Context.Kill();
        _store.Crash(activation.Context);
        _downUntil = _runtime.Clock.GetUtcNow() + downFor;
    }

    private Activation Activate()
    {
        var context = _runtime.CreateContext($"silo#{++_incarnations}");
        var activation = new Activation(this, context);
        activation.Coordinator = _create(context, activation);
        Active = activation;
        activation.Ready = _runtime.RunAs(context, () => activation.ActivateAsync());
        return activation;
    }

    internal void Noted(Exception error)
    {
        if (IsDefect(error)) Defect ??= error;
    }

    /// <summary>Exceptions no coordinator should throw, whatever the store and the workers do.</summary>
    public static bool IsDefect(Exception error) => error is NullReferenceException or KeyNotFoundException or IndexOutOfRangeException
        or InvalidCastException or NotImplementedException or ArithmeticException or ObjectDisposedException;

    /// <summary>One activation of the campaign: a coordinator and the host side it talks to.</summary>
    public sealed class Activation(SimSilo silo, SimContext context) : ICampaignHost
    {
        public SimContext Context { get; } = context;
        public ICoordinatorUnderTest Coordinator { get; internal set; } = null!;
        public Task Ready { get; internal set; } = Task.CompletedTask;

        /// <summary>Calls and sweeps running in it now.</summary>
        public int InFlight { get; private set; }

        internal SimTimer? Sweep { get; set; }
        private bool _sweeping;

        /// <summary>Whether nothing of it is running or waiting: its memory should then match the store.</summary>
        public bool Quiescent => Ready.IsCompletedSuccessfully && InFlight == 0 && !Context.Dead
            && silo._store.PendingOf(Context) == 0 && silo._runtime.ReadyOf(Context) == 0;

        internal async Task ActivateAsync()
        {
            InFlight++;
            try
            {
                await Coordinator.ActivateAsync(CancellationToken.None);
                silo.Activated?.Invoke(this);
            }
            catch (Exception error)
            {
                silo.Noted(error);
                // Orleans discards an activation whose OnActivateAsync failed: the next call activates afresh.
                if (silo.Active == this) silo.Active = null;
                Sweep?.Cancel();
                throw;
            }
            finally
            {
                InFlight--;
            }
        }

        internal async Task InvokeAsync<T>(string label, Func<ICoordinatorUnderTest, Task<T>> call, Action<Task<T>> reply)
        {
            InFlight++;
            Task<T> outcome;
            try
            {
                await Ready;
                outcome = Task.FromResult(await call(Coordinator));
            }
            catch (Exception error)
            {
                silo.Noted(error);
                outcome = Task.FromException<T>(error);
            }
            finally
            {
                InFlight--;
            }
            reply(outcome);
        }

        public Task AddToDispatcherAsync(string campaignId) => Task.CompletedTask;

        public Task RemoveFromDispatcherAsync(string campaignId) => Task.CompletedTask;

        public void StartSweeps()
        {
            if (_sweeping) return;
            _sweeping = true;
            ScheduleSweep();
        }

        public void StopSweeps()
        {
            _sweeping = false;
            Sweep?.Cancel();
            Sweep = null;
        }

        public void Deactivate()
        {
            // Orleans drops it once idle; here at the next step, which may be mid-call: a harsher, still legal, ending.
            silo._runtime.Post(Context, "deactivates", () =>
            {
                if (silo.Active != this) return;
                silo.Active = null;
                Sweep?.Cancel();
                Context.Kill();
                silo._store.Crash(Context);
            });
        }

        public void Publish(CampaignUpdate update) { }

        public bool HasObservers => false;

        private void ScheduleSweep() =>
            Sweep = silo._runtime.At(Context, silo._sweepInterval, "lease sweep", () => _ = SweepOnceAsync());

        private async Task SweepOnceAsync()
        {
            if (!_sweeping) return;
            InFlight++;
            try
            {
                await Coordinator.SweepAsync(CancellationToken.None);
            }
            catch (Exception error)
            {
                silo.Noted(error); // a grain timer's failure is logged, and the next tick comes anyway
            }
            finally
            {
                InFlight--;
            }
            if (_sweeping) ScheduleSweep();
        }
    }
}

/// <summary>A call reached a silo that is down (Orleans: SiloUnavailableException).</summary>
public sealed class SiloUnavailableException(string message) : Exception(message);
