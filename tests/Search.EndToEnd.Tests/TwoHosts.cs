using System.Diagnostics;
using System.Net;

namespace NinSearch.EndToEnd.Tests;

/// <summary>
/// Two "hosts" made of Linux network namespaces, each with one interface on a bridge in the root namespace:
/// <see cref="Gateway"/> (the bridge, x.x.x.1, where the test process and its PostgreSQL are reached), host A (.2)
/// and host B (.3), on a /24 under 10.231/16 that no interface here uses yet. Nothing but loopback is shared with
/// the root namespace, so a silo that advertised loopback would be unreachable from the other host. Names carry a
/// random tag, so parallel runs do not clash; disposal deletes the namespaces (and with them their veth ends) and
/// the bridge. Needs root and iproute2 (<see cref="NetnsFactAttribute"/>).
/// </summary>
internal sealed class TwoHosts : IDisposable
{
    private readonly string tag = Guid.NewGuid().ToString("N")[..6];
    private readonly List<string[]> undo = [];

    private TwoHosts(int subnet)
    {
        Gateway = IPAddress.Parse($"10.231.{subnet}.1");
        AddressA = IPAddress.Parse($"10.231.{subnet}.2");
        AddressB = IPAddress.Parse($"10.231.{subnet}.3");
        Subnet = $"10.231.{subnet}.0/24";
    }

    /// <summary>The bridge's address in the root namespace: the test's own services listen here for both hosts.</summary>
    public IPAddress Gateway { get; }

    public IPAddress AddressA { get; }

    public IPAddress AddressB { get; }

    /// <summary>The /24 of all three, e.g. for pg_hba.conf.</summary>
    public string Subnet { get; }

    public string NamespaceA => $"ninsearch-{tag}-a";

    public string NamespaceB => $"ninsearch-{tag}-b";

    private string Bridge => $"nsbr{tag}";

    public static TwoHosts Create()
    {
        var used = Run("ip", "-4", "-o", "addr", "show");
        var free = Enumerable.Range(1, 254).OrderBy(_ => Random.Shared.Next()).First(s => !used.Contains($"10.231.{s}.", StringComparison.Ordinal));
        var hosts = new TwoHosts(free);
        try
        {
            hosts.Build();
        }
        catch
        {
            hosts.Dispose();
            throw;
        }
        return hosts;
    }

    private void Build()
    {
        Do(["ip", "link", "add", Bridge, "type", "bridge"], ["ip", "link", "del", Bridge]);
        Run("ip", "addr", "add", $"{Gateway}/24", "dev", Bridge);
        Run("ip", "link", "set", Bridge, "up");
        foreach (var (ns, address, end) in new[] { (NamespaceA, AddressA, "a"), (NamespaceB, AddressB, "b") })
        {
            Do(["ip", "netns", "add", ns], ["ip", "netns", "del", ns]);
            // The namespace's end is named eth0, as in a pod; deleting the namespace deletes the pair.
            Run("ip", "link", "add", $"nsv{tag}{end}", "type", "veth", "peer", "name", "eth0", "netns", ns);
            Run("ip", "link", "set", $"nsv{tag}{end}", "master", Bridge, "up");
            Run("ip", "-n", ns, "addr", "add", $"{address}/24", "dev", "eth0");
            Run("ip", "-n", ns, "link", "set", "eth0", "up");
            Run("ip", "-n", ns, "link", "set", "lo", "up");
        }
    }

    private void Do(string[] command, string[] reverse)
    {
        Run(command[0], command[1..]);
        undo.Add(reverse);
    }

    public void Dispose()
    {
        for (var i = undo.Count - 1; i >= 0; i--)
        {
            try { Run(undo[i][0], undo[i][1..]); }
            catch (InvalidOperationException) { /* already gone: clean up the rest */ }
        }
        undo.Clear();
    }

    /// <summary>Runs a command to its end; its standard output, or an exception with both outputs when it fails.</summary>
    public static string Run(string file, params string[] arguments)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)}: exit {process.ExitCode}: {error.Result}{output}");
        return output;
    }
}
