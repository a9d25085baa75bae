using System.Collections.Concurrent;
using System.Reflection;
using NinSearch.Store;

namespace NinSearch.Silo.Tests.Infrastructure;

/// <summary>When an injected store fault strikes: before the real write (nothing stored) or after it (stored, reply lost).</summary>
public enum FaultTiming
{
    BeforeWrite,
    AfterWrite,

    /// <summary>The call never answers and writes nothing, as a database or silo that went silent.</summary>
    Hang,
}

/// <summary>
/// Faults for the silo's store: each rule names an <see cref="ICampaignStore"/> method, a condition on its arguments
/// and how many calls it fails. The real store does the work; a fault only throws around it, as a dropped connection
/// or a lost reply would. Thread-safe; rules are checked in the order added.
/// </summary>
public sealed class StoreFaults
{
    private readonly ConcurrentQueue<Rule> _rules = new();

    /// <summary>
    /// Fails the next <paramref name="times"/> calls of <paramref name="method"/> whose arguments match, with the
    /// exception <paramref name="fault"/> makes (by default a <see cref="TimeoutException"/> naming the method).
    /// </summary>
    public void Add(string method, Func<object?[], bool> when, FaultTiming timing, int times = 1, Func<Exception>? fault = null) =>
        _rules.Enqueue(new Rule(method, when, timing, times, fault));

    /// <summary>
    /// Stalls the next <paramref name="times"/> matching calls of <paramref name="method"/> on the calling thread, by
    /// running <paramref name="stall"/> before the real call or after it (the write done, its reply held back), as a
    /// database that answers slowly would; the call then succeeds. Synchronous on purpose: a store that completes
    /// synchronously (SQLite) keeps its caller's thread, and whatever that thread holds, for as long as it stalls.
    /// </summary>
    public void Stall(string method, Func<object?[], bool> when, FaultTiming timing, Action stall, int times = 1) =>
        _rules.Enqueue(new Rule(method, when, timing, times, null, stall));

    /// <summary>How many calls the rules have failed so far.</summary>
    public int Injected => _rules.Sum(r => r.Struck);

    /// <summary>Removes every rule.</summary>
    public void Clear() => _rules.Clear();

    internal Rule? Take(string method, object?[] args)
    {
        foreach (var rule in _rules)
            if (rule.Method == method && rule.When(args) && rule.TryStrike()) return rule;
        return null;
    }

    /// <summary>Wraps <paramref name="inner"/> so that calls pass through these rules.</summary>
    public ICampaignStore Wrap(ICampaignStore inner)
    {
        var proxy = DispatchProxy.Create<ICampaignStore, FaultyStore>();
        ((FaultyStore)(object)proxy).Init(inner, this);
        return proxy;
    }

    internal sealed class Rule(string method, Func<object?[], bool> when, FaultTiming timing, int times, Func<Exception>? fault, Action? stall = null)
    {
        public Func<Exception>? Fault { get; } = fault;
        public Action? Stall { get; } = stall;
        private readonly int _times = times;
        private int _left = times;
        public string Method { get; } = method;
        public Func<object?[], bool> When { get; } = when;
        public FaultTiming Timing { get; } = timing;
        public int Struck => _times - Math.Max(0, Volatile.Read(ref _left));
        public bool TryStrike() => Interlocked.Decrement(ref _left) >= 0;
    }
}

/// <summary>The proxy behind <see cref="StoreFaults.Wrap"/>.</summary>
public class FaultyStore : DispatchProxy
{
    private static readonly MethodInfo AfterOfT = typeof(FaultyStore).GetMethod(nameof(AfterWriteOfTAsync), BindingFlags.NonPublic | BindingFlags.Static)!;
    private ICampaignStore _inner = null!;
    private StoreFaults _faults = null!;

    internal void Init(ICampaignStore inner, StoreFaults faults) => (_inner, _faults) = (inner, faults);

    protected override object? Invoke(MethodInfo? method, object?[]? args)
    {
        args ??= [];
        var rule = _faults.Take(method!.Name, args);
        if (rule?.Stall is { } stall)
        {
            if (rule.Timing == FaultTiming.BeforeWrite) stall();
            var answer = Call(method, args);
            if (rule.Timing == FaultTiming.AfterWrite) stall();
            return answer;
        }
        if (rule?.Timing == FaultTiming.Hang) return Never(method.ReturnType);
        if (rule?.Timing == FaultTiming.BeforeWrite) return Faulted(method.ReturnType, rule.Fault?.Invoke() ?? Fault(method.Name, written: false));
        var result = Call(method, args);
        if (rule is null) return result;
        var type = method.ReturnType;
        var fault = rule.Fault?.Invoke() ?? Fault(method.Name, written: true);
        return type.IsGenericType
            ? AfterOfT.MakeGenericMethod(type.GetGenericArguments()[0]).Invoke(null, [result, fault])
            : AfterWriteAsync((Task)result!, fault);
    }

    private object? Call(MethodInfo method, object?[] args)
    {
        try { return method.Invoke(_inner, args); }
        catch (TargetInvocationException e) { throw e.InnerException!; }
    }

    private static Exception Fault(string method, bool written) =>
        new TimeoutException($"injected: {method} {(written ? "wrote, but its reply was lost" : "could not reach the database")}");

    private static object Faulted(Type returnType, Exception fault)
    {
        if (!returnType.IsGenericType) return Task.FromException(fault);
        var fromException = typeof(Task).GetMethod(nameof(Task.FromException), 1, [typeof(Exception)])!;
        return fromException.MakeGenericMethod(returnType.GetGenericArguments()[0]).Invoke(null, [fault])!;
    }

    private static object Never(Type returnType)
    {
        if (!returnType.IsGenericType) return new TaskCompletionSource().Task;
        var source = Activator.CreateInstance(typeof(TaskCompletionSource<>).MakeGenericType(returnType.GetGenericArguments()[0]))!;
        return source.GetType().GetProperty(nameof(TaskCompletionSource<int>.Task))!.GetValue(source)!;
    }

    private static async Task AfterWriteAsync(Task task, Exception fault)
    {
        await task;
        throw fault;
    }

    private static async Task<T> AfterWriteOfTAsync<T>(Task<T> task, Exception fault)
    {
        await task;
        throw fault;
    }
}
