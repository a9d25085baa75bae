using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

/// <summary>
/// A timeline of one page load, from the page's own clock: the scripts it fetched, the WebSocket frames of the Blazor
/// circuit (sizes, both ways) and the main thread's long tasks (over 50 ms) and the page's own performance measures, to see where a load's time goes.
/// </summary>
internal static class Probe
{
    /// <summary>Runs before the page's scripts: records every WebSocket frame and every long task.</summary>
    public const string Script = """
        (() => {
            window.__frames = [];
            window.__long = [];
            const size = d => typeof d === 'string' ? d.length : (d.byteLength ?? d.size ?? 0);
            const head = d => typeof d === 'string' ? d.slice(0, 90)
                : d instanceof ArrayBuffer ? String.fromCharCode(...new Uint8Array(d, 0, Math.min(d.byteLength, 400))).replace(/[^ -~]+/g, ' ').slice(0, 160) : '';
            const Socket = window.WebSocket;
            window.WebSocket = class extends Socket {
                constructor(...args) {
                    super(...args);
                    this.addEventListener('message', e => window.__frames.push([performance.now(), size(e.data), 'in', head(e.data)]));
                }
                send(data) {
                    window.__frames.push([performance.now(), size(data), 'out', head(data)]);
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
                measures: performance.getEntriesByType('measure').map(m => [m.name, m.startTime, m.duration]),
            })
            """);
        var lines = new List<(double At, string Text)>();
        foreach (var s in json.GetProperty("scripts").EnumerateArray())
            lines.Add((s[1].GetDouble(), $"script {s[0].GetString()} fetched by {s[2].GetDouble():F0} ms ({s[3].GetDouble() / 1024:F0} KiB)"));
        foreach (var f in json.GetProperty("frames").EnumerateArray())
            if (f[1].GetDouble() > 2048) lines.Add((f[0].GetDouble(), $"frame {f[2].GetString()} {f[1].GetDouble() / 1024:F0} KiB {f[3].GetString()}"));
        foreach (var m in json.GetProperty("measures").EnumerateArray())
            lines.Add((m[1].GetDouble(), $"{m[0].GetString()}: {m[2].GetDouble():F0} ms"));
        foreach (var l in json.GetProperty("long").EnumerateArray())
            lines.Add((l[0].GetDouble(), $"long task {l[1].GetDouble():F0} ms"));
        var text = new StringBuilder($"load drawn at {drawnAt:F0} ms; frames in: {json.GetProperty("frames").EnumerateArray().Where(f => f[2].GetString() == "in").Sum(f => f[1].GetDouble()) / 1024:F0} KiB\n");
        foreach (var (at, line) in lines.OrderBy(l => l.At))
            text.Append(CultureInfo.InvariantCulture, $"  {at,7:F0} ms  {line}\n");
        return text.ToString();
    }
}

/// <summary>
/// A CPU profile of one page load (Chromium's sampling profiler over the DevTools protocol): self time by script and
/// the functions that took most, to tell plotly's drawing from Blazor applying render batches and from MudBlazor.
/// </summary>
internal sealed class CpuProfile(ICDPSession session)
{
    public static async Task<CpuProfile> StartAsync(IPage page)
    {
        var session = await page.Context.NewCDPSessionAsync(page);
        await session.SendAsync("Profiler.enable");
        await session.SendAsync("Profiler.setSamplingInterval", new Dictionary<string, object> { ["interval"] = 500 });
        await session.SendAsync("Profiler.start");
        return new CpuProfile(session);
    }

    public async Task<string> StopAsync()
    {
        var result = await session.SendAsync("Profiler.stop");
        var profile = result!.Value.GetProperty("profile");
        var frames = new Dictionary<int, (string Script, string Function)>();
        foreach (var node in profile.GetProperty("nodes").EnumerateArray())
        {
            var frame = node.GetProperty("callFrame");
            var url = frame.GetProperty("url").GetString() ?? "";
            var script = url.Length == 0 ? "(native)" : url.Split('/')[^1].Split('?')[0];
            frames[node.GetProperty("id").GetInt32()] = (script, $"{frame.GetProperty("functionName").GetString()}:{frame.GetProperty("lineNumber").GetInt32()}:{frame.GetProperty("columnNumber").GetInt32()}");
        }
        var samples = profile.GetProperty("samples").EnumerateArray().Select(s => s.GetInt32()).ToArray();
        var deltas = profile.GetProperty("timeDeltas").EnumerateArray().Select(d => d.GetDouble() / 1000).ToArray();
        var self = new Dictionary<(string Script, string Function), double>();
        for (var i = 0; i + 1 < samples.Length; i++)
        {
            var key = frames[samples[i]];
            self[key] = self.GetValueOrDefault(key) + deltas[i + 1];
        }
        var text = new StringBuilder("cpu profile, self time by script:\n");
        foreach (var group in self.Where(s => s.Key.Function is not "(idle):-1:-1").GroupBy(s => s.Key.Script).OrderByDescending(g => g.Sum(s => s.Value)).Take(8))
            text.Append(CultureInfo.InvariantCulture, $"  {group.Sum(s => s.Value),7:F0} ms  {group.Key}\n");
        text.Append("top functions:\n");
        foreach (var (key, ms) in self.Where(s => s.Key.Function is not "(idle):-1:-1").OrderByDescending(s => s.Value).Take(15))
            text.Append(CultureInfo.InvariantCulture, $"  {ms,7:F0} ms  {key.Script} {key.Function}\n");
        await session.DetachAsync();
        return text.ToString();
    }
}
