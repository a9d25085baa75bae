namespace NinSearch.Simulation.Runtime;

/// <summary>
/// The simulator's single-threaded runtime: a run queue of items (continuations, store replies, message deliveries)
/// and a timer queue on a <see cref="SimClock"/>. Each step picks the next item with the schedule's
/// <see cref="Choices"/>, so every await is an interleaving point the seed decides, and runs it on this thread with its
/// actor's <see cref="SimContext"/> current. Nothing runs on the thread pool; an item posted from another thread is
/// recorded as a determinism failure.
/// </summary>
public sealed class SimRuntime
{
    private readonly List<WorkItem> _ready = [];
    private readonly PriorityQueue<SimTimer, (long Due, long Sequence)> _timers = new();
    private readonly int _thread = Environment.CurrentManagedThreadId;
    private readonly Lock _foreignGate = new();
    private long _timerSequence;

    public SimRuntime(Choices choices, SimTrace? trace = null, SimClock? clock = null)
    {
        Choices = choices;
        Trace = trace;
        Clock = clock ?? new SimClock(SimClock.Start);
    }

    /// <summary>The schedule's decisions.</summary>
    public Choices Choices { get; }

    /// <summary>Simulated time.</summary>
    public SimClock Clock { get; }

    /// <summary>The event trace, when tracing; null in bulk runs (it costs).</summary>
    public SimTrace? Trace { get; }

    /// <summary>Items run so far.</summary>
    public long Steps { get; private set; }

    /// <summary>Runnable items now.</summary>
    public int ReadyCount => _ready.Count;

    /// <summary>Set when something posted from a thread other than the simulator's: the run is not deterministic.</summary>
    public string? ForeignThreadUse { get; private set; }

    /// <summary>The actor whose item is running, or null between items.</summary>
    public SimContext? Current { get; private set; }

    /// <summary>A new actor.</summary>
    public SimContext CreateContext(string name) => new(this, name);

    /// <summary>Queues an item for <paramref name="owner"/>; nothing happens when the owner is dead.</summary>
    public void Post(SimContext owner, string? label, SendOrPostCallback callback, object? state)
    {
        if (Environment.CurrentManagedThreadId != _thread)
        {
            lock (_foreignGate) ForeignThreadUse ??= $"{owner.Name}: {label ?? "a continuation"} was posted from thread {Environment.CurrentManagedThreadId}";
            return;
        }
        if (owner.Dead) return;
        _ready.Add(new WorkItem(owner, label, callback, state));
    }

    /// <summary>Queues an action for <paramref name="owner"/>.</summary>
    public void Post(SimContext owner, string label, Action action) =>
        Post(owner, label, static state => ((Action)state!)(), action);

    /// <summary>Runs <paramref name="action"/> as <paramref name="owner"/>'s item once <paramref name="delay"/> has passed.</summary>
    public SimTimer At(SimContext owner, TimeSpan delay, string label, Action action)
    {
        var timer = new SimTimer(owner, Clock.GetUtcNow() + (delay < TimeSpan.Zero ? TimeSpan.Zero : delay), label, action);
        _timers.Enqueue(timer, (timer.Due.UtcTicks, _timerSequence++));
        return timer;
    }

    /// <summary>A task that completes as <paramref name="owner"/>'s item after <paramref name="delay"/>.</summary>
    public Task Delay(SimContext owner, TimeSpan delay, string label)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        At(owner, delay, label, () => done.TrySetResult());
        return done.Task;
    }

    /// <summary>
    /// Runs <paramref name="action"/> now, as <paramref name="owner"/> (its awaits resume as that actor's items): how a
    /// delivered message starts a call inside the receiving actor.
    /// </summary>
    public T RunAs<T>(SimContext owner, Func<T> action)
    {
        var previous = SynchronizationContext.Current;
        var previousOwner = Current;
        SynchronizationContext.SetSynchronizationContext(owner);
        Current = owner;
        try
        {
            return action();
        }
        finally
        {
            Current = previousOwner;
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }

    /// <summary>Queued items of <paramref name="owner"/>.</summary>
    public int ReadyOf(SimContext owner)
    {
        var count = 0;
        foreach (var item in _ready) if (item.Owner == owner) count++;
        return count;
    }

    /// <summary>Runs queued items oldest first, without timers, until <paramref name="done"/> or nothing is left (a probe's private run).</summary>
    public void Drain(Func<bool> done, int maxSteps = 100_000)
    {
        for (var i = 0; i < maxSteps && !done() && _ready.Count > 0; i++)
        {
            var item = _ready[0];
            _ready.RemoveAt(0);
            Run(item);
        }
    }

    /// <summary>Drops a dead actor's queued items.</summary>
    internal void Forget(SimContext owner) => _ready.RemoveAll(item => item.Owner == owner);

    /// <summary>
    /// One step: due timers become runnable; when nothing is runnable (or, by chance, to let a slow operation outlast
    /// leases) time jumps to the next timer; then one runnable item, chosen by the schedule, runs.
    /// </summary>
    /// <param name="jumpPerMillion">Chance per step of jumping to the next timer although items are runnable.</param>
    /// <returns>False when nothing is runnable and no timer is left: the world is quiescent.</returns>
    public bool Step(int jumpPerMillion)
    {
        Clock.Advance(TimeSpan.FromTicks(1)); // every step is a distinct instant: timestamps order the store's rows
        ReleaseDueTimers();
        if (_ready.Count == 0 || (_timers.Count > 0 && Choices.Chance(jumpPerMillion)))
        {
            if (!JumpToNextTimer() && _ready.Count == 0) return false;
        }
        if (_ready.Count == 0) return true;
        var index = Choices.Next(_ready.Count);
        var item = _ready[index];
        _ready.RemoveAt(index);
        Run(item);
        return true;
    }

    private void Run(WorkItem item)
    {
        Steps++;
        Trace?.Add(Clock.GetUtcNow(), item.Owner.Name, item.Label ?? "resumes");
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(item.Owner);
        Current = item.Owner;
        try
        {
            item.Callback(item.State);
        }
        finally
        {
            Current = null;
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }

    private void ReleaseDueTimers()
    {
        var now = Clock.GetUtcNow();
        while (_timers.TryPeek(out var timer, out _) && timer.Due <= now)
        {
            _timers.Dequeue();
            if (!timer.Cancelled && !timer.Owner.Dead) Post(timer.Owner, timer.Label, timer.Action);
        }
    }

    private bool JumpToNextTimer()
    {
        while (_timers.TryDequeue(out var timer, out _))
        {
            if (timer.Cancelled || timer.Owner.Dead) continue;
            Clock.AdvanceTo(timer.Due);
            Post(timer.Owner, timer.Label, timer.Action);
            ReleaseDueTimers();
            return true;
        }
        return false;
    }

    private readonly record struct WorkItem(SimContext Owner, string? Label, SendOrPostCallback Callback, object? State);
}

/// <summary>A timer in the simulator's queue.</summary>
public sealed class SimTimer(SimContext owner, DateTimeOffset due, string label, Action action)
{
    public SimContext Owner { get; } = owner;
    public DateTimeOffset Due { get; } = due;
    public string Label { get; } = label;
    public Action Action { get; } = action;
    public bool Cancelled { get; private set; }

    public void Cancel() => Cancelled = true;
}
