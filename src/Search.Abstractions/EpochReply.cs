using NinSearch.Spec;

namespace NinSearch.Abstractions;

/// <summary>The answer to <c>ReportEpochAsync</c>: the decision, and why, for logs.</summary>
[GenerateSerializer, Immutable]
public sealed record EpochReply(
    [property: Id(0)] EpochDecision Decision,
    [property: Id(1)] string? Reason = null)
{
    public static EpochReply Continue { get; } = new(EpochDecision.Continue);
    public static EpochReply LeaseLost { get; } = new(EpochDecision.LeaseLost, "lease expired or trial ended");
}
