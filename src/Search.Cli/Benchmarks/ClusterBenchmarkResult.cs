namespace NinSearch.Cli.Benchmarks;

/// <summary>What <c>bench cluster</c> measured; latencies in milliseconds, as seen by the simulated worker.</summary>
internal sealed record ClusterBenchmarkResult(
    int Workers,
    int Trials,
    string Store,
    double Seconds,
    double TrialsPerS,
    double LeaseP50Ms,
    double LeaseP99Ms,
    double ReportP50Ms,
    double ReportP99Ms,
    int LeaseCalls,
    int ReportCalls);
