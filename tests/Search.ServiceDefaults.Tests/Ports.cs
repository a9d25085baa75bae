using System.Net;
using System.Net.Sockets;

namespace NinSearch.ServiceDefaults.Tests;

internal static class Ports
{
    public static int Free()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
