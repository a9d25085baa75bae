using NinSearch.Simulation.Runtime;

namespace NinSearch.Simulation.Cluster;

/// <summary>
/// Calls from workers (and the client) to the campaign's silo. A request and its reply are separate items, so calls
/// overtake each other; by the schedule's choice a request is duplicated or delayed and a reply lost. The caller's own
/// timer (its call timeout) fails a call whose reply never comes, as the worker's bounded calls do.
/// </summary>
public sealed class SimNetwork(SimRuntime runtime, SimSilo silo)
{
    private readonly SimContext _wire = runtime.CreateContext("network");

    /// <summary>The misbehaviour now; <see cref="MessageFaults.None"/> in the calm phase.</summary>
    public MessageFaults Faults { get; set; } = MessageFaults.None;

    /// <summary>How long a caller waits for a reply (WorkerOptions.CallTimeout).</summary>
    public TimeSpan CallTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Sends a call; the task completes as <paramref name="caller"/>'s item with the reply or a failure.</summary>
    public Task<T> CallAsync<T>(SimContext caller, string label, Func<ICoordinatorUnderTest, Task<T>> call)
    {
        var reply = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var timeout = runtime.At(caller, CallTimeout, $"{label} gets no reply",
            () => reply.TrySetException(new TimeoutException($"{label}: no reply within {CallTimeout.TotalSeconds} s")));
        var choices = runtime.Choices;
        var copies = choices.Chance(Faults.Duplicate) ? 2 : 1;
        for (var copy = 0; copy < copies; copy++)
        {
            void Deliver() => silo.Deliver(label, call, outcome =>
            {
                if (choices.Chance(Faults.LoseReply))
                {
                    runtime.Trace?.Add(runtime.Clock.GetUtcNow(), "network", $"loses the reply to {label}");
                    return;
                }
                runtime.Post(_wire, $"{label} replies {Describe(outcome)}", () =>
                {
                    timeout.Cancel();
                    if (outcome.IsCompletedSuccessfully) reply.TrySetResult(outcome.Result);
                    else reply.TrySetException(outcome.Exception!.InnerExceptions);
                });
            });
            if (choices.Chance(Faults.Delay)) runtime.At(_wire, TimeSpan.FromSeconds(choices.Between(1, 15)), $"{label} (delayed)", Deliver);
            else runtime.Post(_wire, label, Deliver);
        }
        return reply.Task;
    }

    private string Describe<T>(Task<T> outcome)
    {
        if (runtime.Trace is null) return "";
        if (!outcome.IsCompletedSuccessfully) return outcome.Exception!.InnerException!.GetType().Name;
        return outcome.Result switch
        {
            null => "null",
            NinSearch.Abstractions.TrialLease lease => $"lease {runtime.Trace.Name(lease.LeaseId, "L")} of trial {lease.TrialNumber} attempt {lease.Attempt}",
            NinSearch.Abstractions.EpochReply epochReply => epochReply.Decision.ToString(),
            IReadOnlyList<Guid> lost => $"lost [{string.Join(", ", lost.Select(id => runtime.Trace.Name(id, "L")))}]",
            var other => other.ToString() ?? "",
        };
    }
}
