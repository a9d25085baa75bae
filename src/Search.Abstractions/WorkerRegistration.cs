namespace NinSearch.Abstractions;

/// <summary>A worker introducing itself: its id, host name and total capabilities.</summary>
[GenerateSerializer, Immutable]
public sealed record WorkerRegistration(
    [property: Id(0)] string WorkerId,
    [property: Id(1)] string HostName,
    [property: Id(2)] WorkerResources Capabilities);
