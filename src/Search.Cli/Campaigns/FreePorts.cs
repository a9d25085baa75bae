using System.Net;
using System.Net.Sockets;

namespace NinSearch.Cli.Campaigns;

/// <summary>Loopback ports nobody listens on now, so that several local clusters (and tests) never collide.</summary>
internal static class FreePorts
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
