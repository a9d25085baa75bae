using NinSearch.Store;

namespace NinSearch.Cli.Benchmarks;

internal sealed record ClusterBenchmarkOptions(int Workers, int Trials, StoreProvider Store, string? Connection);
