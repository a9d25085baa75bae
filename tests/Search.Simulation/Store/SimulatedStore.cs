using NinSearch.Simulation.Runtime;
using NinSearch.Spec;
using NinSearch.Store;
using NinSearch.Store.Entities;
using NinSearch.Store.InMemory;

namespace NinSearch.Simulation.Store;

/// <summary>
/// The store as the simulated silo sees it: the real <see cref="InMemoryCampaignStore"/> (the same contract suite as
/// SQLite and PostgreSQL) behind a network. Every call returns a pending task; the request runs (commits) as one
/// simulator item and the reply arrives as another, so other work interleaves between a commit and its reply, and
/// replies arrive out of order. By the schedule's choice a write fails before it commits, after it commits (reply
/// lost), or hangs and times out either way; a read may fail or time out.
/// </summary>
/// <remarks>
/// When a silo crashes, its requests still on the wire land or not (the seed decides) at once, before any new
/// activation reads the store, and their replies are never delivered: a dead silo's connections die with it.
/// </remarks>
public sealed partial class SimulatedStore : ICampaignStore
{
    private readonly SimRuntime _runtime;
    private readonly SimContext _context;
    private readonly List<Request> _pending = [];

    public SimulatedStore(SimRuntime runtime, InMemoryCampaignStore inner)
    {
        _runtime = runtime;
        Inner = inner;
        _context = runtime.CreateContext("store");
    }

    /// <summary>The real store, for the checks (no faults, no delay).</summary>
    public InMemoryCampaignStore Inner { get; }

    /// <summary>The fault rates now; <see cref="StoreFaults.None"/> in the calm phase.</summary>
    public StoreFaults Faults { get; set; } = StoreFaults.None;

    /// <summary>Counts committed writes, so checks run only after the store changed.</summary>
    public long Version { get; private set; }

    /// <summary>Writes that committed although their caller was told they failed, per caller.</summary>
    public Dictionary<SimContext, int> HiddenCommits { get; } = [];

    /// <summary>Calls of <paramref name="owner"/> on the wire now.</summary>
    public int PendingOf(SimContext owner)
    {
        var count = 0;
        foreach (var request in _pending) if (request.Owner == owner) count++;
        return count;
    }

    /// <summary>A lease write that committed, with the caller's clock: the budget checks watch these.</summary>
    public event Action<Guid, DateTimeOffset>? LeaseWritten;

    /// <summary>
    /// A crashed silo's requests still on the wire land or vanish now (by the seed's choice), and never reply.
    /// </summary>
    public void Crash(SimContext owner)
    {
        foreach (var request in _pending.Where(r => r.Owner == owner).ToList())
        {
            _pending.Remove(request);
            var lands = request.Write && _runtime.Choices.Next(2) == 1;
            _runtime.Trace?.Add(_runtime.Clock.GetUtcNow(), "store", $"{request.Label} of crashed {owner.Name} {(lands ? "lands" : "is lost")}");
            request.Abandon(lands);
            if (lands) Committed(owner, hidden: true);
        }
    }

    private void Committed(SimContext owner, bool hidden)
    {
        Version++;
        if (hidden) HiddenCommits[owner] = HiddenCommits.GetValueOrDefault(owner) + 1;
    }

    private Task<T> Read<T>(string label, Func<Task<T>> run) => Call(label, write: false, run);

    private Task<T> Write<T>(string label, Func<Task<T>> run) => Call(label, write: true, run);

    private Task<T> Call<T>(string label, bool write, Func<Task<T>> run)
    {
        var owner = _runtime.Current;
        if (owner is null) return run(); // set-up outside the simulation: no network
        var request = new Request<T>(this, owner, label, write, run);
        _pending.Add(request);
        _runtime.Post(_context, label, request.Execute);
        return request.Task;
    }

    private enum Fault { None, Before, After, TimeoutBefore, TimeoutAfter }

    private Fault Decide(bool write)
    {
        var faults = Faults;
        var choices = _runtime.Choices;
        if (ReferenceEquals(faults, StoreFaults.None)) return Fault.None;
        if (!write) return choices.Chance(faults.ReadFails) ? Fault.Before : choices.Chance(faults.TimeOut) ? Fault.TimeoutBefore : Fault.None;
        if (choices.Chance(faults.FailBeforeCommit)) return Fault.Before;
        if (choices.Chance(faults.FailAfterCommit)) return Fault.After;
        if (choices.Chance(faults.TimeOut)) return choices.Next(2) == 1 ? Fault.TimeoutAfter : Fault.TimeoutBefore;
        return Fault.None;
    }

    private abstract class Request(SimContext owner, string label, bool write)
    {
        public SimContext Owner { get; } = owner;
        public string Label { get; } = label;
        public bool Write { get; } = write;

        public abstract void Abandon(bool commit);
    }

    private sealed class Request<T>(SimulatedStore store, SimContext owner, string label, bool write, Func<Task<T>> run)
        : Request(owner, label, write)
    {
        private readonly TaskCompletionSource<T> _reply = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private bool _done;

        public Task<T> Task => _reply.Task;

        public override void Abandon(bool commit)
        {
            _done = true;
            if (commit) _ = run();
        }

        public void Execute()
        {
            if (_done) return;
            _done = true;
            store._pending.Remove(this);
            var fault = store.Decide(Write);
            Task<T>? outcome = null;
            if (fault is Fault.None or Fault.After or Fault.TimeoutAfter)
            {
                outcome = run();
                if (Write && outcome.IsCompletedSuccessfully) store.Committed(Owner, hidden: fault != Fault.None);
            }
            var runtime = store._runtime;
            switch (fault)
            {
                case Fault.None:
                    runtime.Post(store._context, $"{Label} replies", () => Complete(outcome!));
                    break;
                case Fault.Before or Fault.After:
                    runtime.Post(store._context, $"{Label} fails ({(fault == Fault.After ? "after" : "before")} commit)",
                        () => Fail(new SimulatedStoreException($"simulated store failure in {Label}", fault == Fault.After)));
                    break;
                default:
                    runtime.At(store._context, store.Faults.Timeout, $"{Label} times out",
                        () => Fail(new SimulatedStoreException($"simulated timeout in {Label}", fault == Fault.TimeoutAfter)));
                    break;
            }
        }

        private void Fail(Exception error)
        {
            if (!Owner.Dead) _reply.TrySetException(error);
        }

        private void Complete(Task<T> outcome)
        {
            if (Owner.Dead) return; // nobody would observe it
            if (outcome.IsCompletedSuccessfully) _reply.TrySetResult(outcome.Result);
            else if (outcome.IsCanceled) _reply.TrySetCanceled();
            else _reply.TrySetException(outcome.Exception!.InnerExceptions);
        }
    }
}
