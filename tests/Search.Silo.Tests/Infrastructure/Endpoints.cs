using System.Net;
using System.Net.Sockets;

namespace NinSearch.Silo.Tests.Infrastructure;

/// <summary>Free ports and polling of a service's <c>/metrics</c>, <c>/healthz</c> and <c>/readyz</c> endpoint.</summary>
public static class Endpoints
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    public static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    /// <summary>GETs <paramref name="path"/> on localhost:<paramref name="port"/>: the status and the body.</summary>
    public static async Task<(HttpStatusCode Status, string Body)> GetAsync(int port, string path)
    {
        using var response = await Http.GetAsync($"http://localhost:{port}{path}");
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Polls until <paramref name="path"/> answers <paramref name="expected"/>, for at most <paramref name="timeout"/>.</summary>
    public static async Task<string> WaitForAsync(int port, string path, HttpStatusCode expected, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        (HttpStatusCode Status, string Body)? last = null;
        string? error = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                last = await GetAsync(port, path);
                if (last.Value.Status == expected) return last.Value.Body;
            }
            catch (HttpRequestException e)
            {
                error = e.Message;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"localhost:{port}{path} did not answer {(int)expected} within {timeout}: last answer " +
            (last is { } l ? $"{(int)l.Status} '{l.Body}'" : $"none ({error})"));
    }
}
