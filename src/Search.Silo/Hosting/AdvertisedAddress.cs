using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace NinSearch.Silo.Hosting;

/// <summary>
/// The address a silo publishes in the membership table, where other silos and every client (workers, the
/// dashboard) look it up: the configured one, else the first IPv4 address of the first network interface that is up
/// and not loopback, else loopback. A silo listens on every address, so "the address of the interface it binds" has
/// no single answer; the first interface is what a pod (one interface) or a typical host has. Hosts with several
/// interfaces set <see cref="SiloOptions.AdvertisedAddress"/>.
/// </summary>
/// <param name="Address">The address to advertise.</param>
/// <param name="Source">Where it came from, for the log: configured, an interface's name, or the loopback fallback.</param>
public sealed record AdvertisedAddress(IPAddress Address, string Source)
{
    /// <summary>The source named when no interface but loopback is up.</summary>
    public const string LoopbackFallback = "loopback (no other interface is up)";

    /// <summary>One network interface as the choice sees it.</summary>
    public sealed record Interface(string Name, bool IsUp, bool IsLoopback, IReadOnlyList<IPAddress> Addresses);

    /// <summary>Whether other hosts cannot reach this address.</summary>
    public bool IsLoopback => IPAddress.IsLoopback(Address);

    /// <summary>Chooses from <paramref name="configured"/> (an IP address, validated by <see cref="SiloOptions"/>) and <paramref name="interfaces"/>, in order.</summary>
    public static AdvertisedAddress Choose(string? configured, IEnumerable<Interface> interfaces)
    {
        if (!string.IsNullOrWhiteSpace(configured)) return new(IPAddress.Parse(configured.Trim()), "configured");
        foreach (var candidate in interfaces)
        {
            if (!candidate.IsUp || candidate.IsLoopback) continue;
            // Link-local (169.254/16) addresses are not routed: another host could not answer on one.
            var address = candidate.Addresses.FirstOrDefault(a =>
                a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a) && !IsLinkLocal(a));
            if (address is not null) return new(address, $"interface {candidate.Name}");
        }
        return new(IPAddress.Loopback, LoopbackFallback);
    }

    /// <summary>Chooses from <paramref name="configured"/> and this machine's (this network namespace's) interfaces.</summary>
    public static AdvertisedAddress Choose(string? configured) =>
        Choose(configured, string.IsNullOrWhiteSpace(configured) ? HostInterfaces() : []);

    private static IEnumerable<Interface> HostInterfaces() =>
        NetworkInterface.GetAllNetworkInterfaces().Select(n => new Interface(
            n.Name,
            n.OperationalStatus is OperationalStatus.Up or OperationalStatus.Unknown,
            n.NetworkInterfaceType == NetworkInterfaceType.Loopback,
            [.. n.GetIPProperties().UnicastAddresses.Select(u => u.Address)]));

    private static bool IsLinkLocal(IPAddress address) => address.GetAddressBytes() is [169, 254, ..];
}
