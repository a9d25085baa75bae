namespace NinSearch.EndToEnd.Tests;

/// <summary>
/// A test that builds network namespaces (<see cref="TwoHosts"/>) and a PostgreSQL server of its own: skipped,
/// saying why, where it cannot (not root, no iproute2, no pg_ctl, or a kernel or container that refuses namespaces).
/// </summary>
internal sealed class NetnsFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> Missing = new(Probe);

    public NetnsFactAttribute()
    {
        if (Missing.Value is { } reason) Skip = reason;
    }

    private static string? Probe()
    {
        if (!OperatingSystem.IsLinux()) return "needs Linux network namespaces";
        if (Environment.UserName != "root") return "needs root to create network namespaces (ip netns add); CI runs as root";
        if (!File.Exists("/usr/sbin/ip") && !File.Exists("/sbin/ip") && !File.Exists("/usr/bin/ip")) return "needs iproute2's ip to create network namespaces";
        if (DedicatedPostgres.Bin is null) return "needs PostgreSQL's pg_ctl (/usr/lib/postgresql/*/bin or $PG_BIN) for a server both namespaces reach";
        var probe = $"ninsearch-probe-{Environment.ProcessId}";
        try
        {
            TwoHosts.Run("ip", "netns", "add", probe);
            TwoHosts.Run("ip", "netns", "del", probe);
            return null;
        }
        catch (InvalidOperationException e)
        {
            return $"network namespaces cannot be made here: {e.Message.Trim()}";
        }
    }
}
