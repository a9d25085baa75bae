using System.Security.Cryptography;
using NinSearch.Silo.Hosting;
using NinSearch.Worker;

namespace NinSearch.Cli.Hosting;

/// <summary>
/// The cluster secret of a single-machine cluster (<c>up</c>, <c>demo</c>, <c>campaign run</c>): fresh for every run,
/// so no other process on the machine that reaches the loopback gateway can join it or call its grains. The silo and
/// the dashboard run in this process and get it through their in-memory configuration; worker processes through
/// their environment (readable by this user only, unlike command-line flags). It is never printed or logged.
/// </summary>
internal static class LocalClusterSecret
{
    /// <summary>The silo's setting that requires it.</summary>
    public const string SiloKey = $"{SiloOptions.Section}:ClusterSecret";

    /// <summary>The dashboard's (an Orleans client's) setting that presents it.</summary>
    public const string ClientKey = $"{NinSearch.ServiceDefaults.ClusterClientOptions.Section}:ClusterSecret";

    /// <summary>The environment variable a worker process reads it from (<c>NinSearch__Worker__ClusterSecret</c>).</summary>
    public static string WorkerVariable => $"{WorkerOptions.Section.Replace(":", "__", StringComparison.Ordinal)}__ClusterSecret";

    /// <summary>256 random bits, hex.</summary>
    public static string Generate() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
}
