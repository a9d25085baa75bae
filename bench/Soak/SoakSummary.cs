namespace NinSearch.Bench.Soak;

/// <summary>One minute of the run: latency percentiles (ms), lifecycles and each silo's memory.</summary>
internal sealed record SoakMinute(
    int Minute, int Lifecycles, int Errors, double LeaseP50, double LeaseP99, double ReportP50, double ReportP99, double CompleteP50,
    double CompleteP99, double HeartbeatP50, double HeartbeatP99, double LoadAverage, IReadOnlyList<SiloMemory> Silos);

/// <summary>A silo's mean resident set and managed heap (after the last collection) over one minute, in MiB.</summary>
internal sealed record SiloMemory(string Silo, double RssMiB, double? HeapMiB);

/// <summary>The whole run.</summary>
internal sealed record SoakSummary(
    SoakOptions Options, string Commit, string LoadBefore, string LoadAfter, IReadOnlyList<SoakMinute> Minutes, SoakChecks Checks,
    IReadOnlyList<MemoryDrift> Memory, bool SilosAlive)
{
    public bool Passed => Checks.NoneGrantedTwice && Checks.NoneLost && Memory.All(m => m.Flat) && SilosAlive;
}

/// <summary>A silo's memory in the last minute against the second (the first is start-up): flat when within 10 %.</summary>
internal sealed record MemoryDrift(string Silo, double SecondRssMiB, double LastRssMiB, double RssChange, double? SecondHeapMiB, double? LastHeapMiB,
    double? HeapChange)
{
    public bool Flat => Math.Abs(RssChange) <= 0.10;
}
