namespace NinSearch.Cli.Benchmarks;

/// <summary>
/// What <c>bench cluster</c> measured; latencies in milliseconds, as seen by the simulated worker. Lease percentiles
/// cover every lease call, including those that found nothing to lease (at the end they wait for the campaign's end);
/// <see cref="LeaseGrantedP99Ms"/> covers only the calls that returned a trial. <see cref="OfferedPerS"/> is the
/// open-loop rate, null for the closed loop; <see cref="Warmup"/> the unmeasured lifecycles run before.
/// </summary>
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
    int ReportCalls,
    double? OfferedPerS,
    double LeaseGrantedP99Ms,
    int Warmup);
