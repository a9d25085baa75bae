using System.CommandLine;

namespace NinSearch.Cli.Commands;

internal static class BenchCommand
{
    public static Command Create() => new("bench", "benchmarks: training throughput, search strategies");
}
