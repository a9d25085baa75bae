using NinSearch.Store;

namespace NinSearch.Cli.Benchmarks;

/// <summary>Settings of <c>bench cluster</c>.</summary>
/// <param name="Workers">Simulated workers.</param>
/// <param name="Trials">Trial lifecycles in the campaign's budget.</param>
/// <param name="Store">The store.</param>
/// <param name="Connection">The store's connection string; null starts the local PostgreSQL (or a temporary SQLite file).</param>
/// <param name="Rate">
/// Null: closed loop, each worker starts its next lifecycle as soon as the last one ends (saturation throughput).
/// Otherwise open loop: lifecycles offered at this many per second in total, each worker starting its k-th lifecycle
/// at a fixed schedule (or at once when it is behind), so latency is measured at a known offered load.
/// </param>
/// <param name="Warmup">Lifecycles run first on a separate, unmeasured campaign (JIT tiering, connection pools); 0: none.</param>
/// <param name="Sampler">Null: every trial trains one preset (no search state). Otherwise this sampler over the default space.</param>
/// <param name="Scheduler">With a sampler: the scheduler; trials it stops end early, as a worker's would.</param>
internal sealed record ClusterBenchmarkOptions(int Workers, int Trials, StoreProvider Store, string? Connection, double? Rate = null, int Warmup = 0,
    string? Sampler = null, string Scheduler = "fifo")
{
    /// <summary>The campaign's search JSON: three epochs per trial either way.</summary>
    public string SearchJson => Sampler is null
        ? """{"preset":"nin-small","epochs":3}"""
        : $$"""{"sampler":"{{Sampler}}","scheduler":"{{Scheduler}}","scheduler_options":{"max_epochs":3},"seed":1}""";
}
