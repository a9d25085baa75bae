using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace NinSearch.Cli.Tests.Client;

/// <summary>
/// A real HTTP server on a loopback port (HttpListener) that answers each request with a canned response, and
/// records what it was asked: the client under test talks HTTP to it as it would to the NinSearch server.
/// </summary>
internal sealed class CannedServer : IAsyncDisposable
{
    private readonly HttpListener listener;
    private readonly Func<Request, HttpListenerResponse, Task> handler;
    private readonly Task loop;

    private CannedServer(HttpListener listener, Uri url, Func<Request, HttpListenerResponse, Task> handler)
    {
        this.listener = listener;
        this.handler = handler;
        Url = url;
        loop = Task.Run(LoopAsync);
    }

    public Uri Url { get; }

    public ConcurrentQueue<Request> Requests { get; } = new();

    /// <summary>One request as the server saw it.</summary>
    public sealed record Request(string Method, string PathAndQuery, string? Authorization, string? LastEventId, string Body);

    public static CannedServer Start(Func<Request, HttpListenerResponse, Task> handler)
    {
        for (var attempt = 0; ; attempt++)
        {
            var port = FreePort();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                return new CannedServer(listener, new Uri($"http://127.0.0.1:{port}"), handler);
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                listener.Close();
            }
        }
    }

    /// <summary>Answers every request with <paramref name="status"/> and <paramref name="body"/>.</summary>
    public static CannedServer Answering(int status, string body, string contentType = "application/json") =>
        Start((_, response) => WriteAsync(response, status, body, contentType));

    public static async Task WriteAsync(HttpListenerResponse response, int status, string body, string contentType = "application/json")
    {
        response.StatusCode = status;
        response.ContentType = contentType;
        var bytes = Encoding.UTF8.GetBytes(body);
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes);
        response.Close();
    }

    public static async Task WriteAsync(HttpListenerResponse response, byte[] body, string contentType)
    {
        response.StatusCode = 200;
        response.ContentType = contentType;
        response.ContentLength64 = body.Length;
        await response.OutputStream.WriteAsync(body);
        response.Close();
    }

    public async ValueTask DisposeAsync()
    {
        // Close alone: on Unix, Stop then Close unregisters the prefixes twice, and the second time binds the port
        // again to find its endpoint, failing "Address already in use" when another process has taken it since.
        listener.Close();
        try { await loop; } catch (Exception e) when (e is HttpListenerException or ObjectDisposedException) { }
    }

    private async Task LoopAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
            _ = Task.Run(async () =>
            {
                using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
                var request = new Request(context.Request.HttpMethod, context.Request.Url!.PathAndQuery, context.Request.Headers["Authorization"],
                    context.Request.Headers["Last-Event-ID"], await reader.ReadToEndAsync());
                Requests.Enqueue(request);
                try { await handler(request, context.Response); }
                catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException) { }
            });
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
