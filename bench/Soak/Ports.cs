using System.Net;
using System.Net.Sockets;

namespace NinSearch.Bench.Soak;

/// <summary>Free loopback ports for the silos.</summary>
internal static class Ports
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
