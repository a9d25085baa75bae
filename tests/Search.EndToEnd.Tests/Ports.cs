using System.Net;
using System.Net.Sockets;

namespace NinSearch.EndToEnd.Tests;

/// <summary>Free loopback ports for the services a test starts.</summary>
internal static class Ports
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
