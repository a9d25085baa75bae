namespace NinSearch.Simulation.Runtime;

/// <summary>
/// One simulated actor (a coordinator activation, a worker, the store, the client): its awaits resume as items in the
/// simulator's run queue, labelled with this actor. Killing it (a silo crash, a worker that vanishes) drops its queued
/// items and every later continuation: its pending work never runs.
/// </summary>
public sealed class SimContext : SynchronizationContext
{
    internal SimContext(SimRuntime runtime, string name)
    {
        Runtime = runtime;
        Name = name;
        Scheduler = new SimTaskScheduler(this);
    }

    /// <summary>The runtime whose queue this context posts to.</summary>
    public SimRuntime Runtime { get; }

    /// <summary>The actor's name in traces.</summary>
    public string Name { get; }

    /// <summary>A task scheduler that queues to the same actor (for code that takes a <see cref="TaskScheduler"/>).</summary>
    public TaskScheduler Scheduler { get; }

    /// <summary>True once killed: nothing of it runs again.</summary>
    public bool Dead { get; private set; }

    public override void Post(SendOrPostCallback d, object? state) => Runtime.Post(this, null, d, state);

    public override void Send(SendOrPostCallback d, object? state) =>
        throw new NotSupportedException("Send would block the simulator's only thread");

    public override SynchronizationContext CreateCopy() => this;

    /// <summary>Drops this actor's queued items and everything it would run later.</summary>
    public void Kill()
    {
        if (Dead) return;
        Dead = true;
        Runtime.Forget(this);
    }

    public override string ToString() => Name;
}

/// <summary>Queues tasks to a <see cref="SimContext"/>: never runs them inline, never on the thread pool.</summary>
internal sealed class SimTaskScheduler(SimContext context) : TaskScheduler
{
    protected override void QueueTask(Task task) =>
        context.Runtime.Post(context, null, static state => ((SimTaskScheduler)((object[])state!)[0]).Run((Task)((object[])state)[1]), new object[] { this, task });

    private void Run(Task task) => TryExecuteTask(task);

    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) => false;

    protected override IEnumerable<Task>? GetScheduledTasks() => null;
}
