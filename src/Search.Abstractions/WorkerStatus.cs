namespace NinSearch.Abstractions;

/// <summary>What the registry knows of one worker.</summary>
[GenerateSerializer, Immutable]
public sealed record WorkerStatus(
    [property: Id(0)] WorkerRegistration Registration,
    [property: Id(1)] DateTimeOffset LastHeartbeat,
    [property: Id(2)] IReadOnlyList<LeaseRef> Leases,
    [property: Id(3)] bool Online);
