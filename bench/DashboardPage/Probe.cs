using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

/// <summary>
/// A timeline of one page load, from the page's own clock: the scripts it fetched, the WebSocket frames of the Blazor
/// circuit (sizes, both ways) and the main thread's long tasks (over 50 ms), to see where a load's time goes.
/// </summary>
internal static class Probe
{
    /// <summary>Runs before the page's scripts: records every WebSocket frame and every long task.</summary>
    public const string Script = """
        (() => {
            window.__frames = [];
            window.__long = [];
            const size = d => typeof d === 'string' ? d.length : (d.byteLength ?? d.size ?? 0);
            const Socket = window.WebSocket;
            window.WebSocket = class extends Socket {
                constructor(...args) {
                    super(...args);
                    this.addEventListener('message', e => window.__frames.push([performance.now(), size(e.data), 'in']));
                }
                send(data) {
                    window.__frames.push([performance.now(), size(data), 'out']);
                    super.send(data);
                }
            };
            new PerformanceObserver(list => list.getEntries().forEach(e => window.__long.push([e.startTime, e.duration])))
                .observe({ type: 'longtask', buffered: true });
        })()
        """;

    public static async Task<string> TimelineAsync(IPage page, double drawnAt)
    {
        var json = await page.EvaluateAsync<JsonElement>("""
            () => ({
                scripts: performance.getEntriesByType('resource').filter(r => r.name.endsWith('.js'))
                    .map(r => [r.name.split('/').pop(), r.startTime, r.responseEnd, r.transferSize]),
                frames: window.__frames,
                long: window.__long,
            })
            """);
        var lines = new List<(double At, string Text)>();
        foreach (var s in json.GetProperty("scripts").EnumerateArray())
            lines.Add((s[1].GetDouble(), $"script {s[0].GetString()} fetched by {s[2].GetDouble():F0} ms ({s[3].GetDouble() / 1024:F0} KiB)"));
        foreach (var f in json.GetProperty("frames").EnumerateArray())
            if (f[1].GetDouble() > 2048) lines.Add((f[0].GetDouble(), $"frame {f[2].GetString()} {f[1].GetDouble() / 1024:F0} KiB"));
        foreach (var l in json.GetProperty("long").EnumerateArray())
            lines.Add((l[0].GetDouble(), $"long task {l[1].GetDouble():F0} ms"));
        var text = new StringBuilder($"load drawn at {drawnAt:F0} ms; frames in: {json.GetProperty("frames").EnumerateArray().Where(f => f[2].GetString() == "in").Sum(f => f[1].GetDouble()) / 1024:F0} KiB\n");
        foreach (var (at, line) in lines.OrderBy(l => l.At))
            text.Append(CultureInfo.InvariantCulture, $"  {at,7:F0} ms  {line}\n");
        return text.ToString();
    }
}
