using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace NinSearch.Bench.Soak;

/// <summary>
/// A <c>nin-search silo</c> process on the soak's database, with its metrics endpoint on, so its managed heap can be
/// read from <c>/metrics</c> and its resident memory from <c>/proc/PID/status</c>.
/// </summary>
internal sealed class SiloProcess : IDisposable
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _running = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SiloProcess(string name, Process process, int metricsPort)
    {
        Name = name;
        _process = process;
        MetricsPort = metricsPort;
    }

    public string Name { get; }

    public int MetricsPort { get; }

    public string Output { get { lock (_output) return _output.ToString(); } }

    public static SiloProcess Start(string name, string connection, SoakOptions options)
    {
        var metricsPort = Ports.Free();
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "nin-search.dll"));
        foreach (var argument in new[]
        {
            "silo", "--store", "postgres", "--store-connection", connection, "--clustering", "postgres", "--cluster-connection", connection,
            "--silo-port", Ports.Free().ToString(CultureInfo.InvariantCulture), "--gateway-port", Ports.Free().ToString(CultureInfo.InvariantCulture),
            "--metrics-port", metricsPort.ToString(CultureInfo.InvariantCulture), "--metrics-host", "localhost",
            "--lease-duration", options.LeaseDuration.ToString(),
        }) info.ArgumentList.Add(argument);
        var silo = new SiloProcess(name, Process.Start(info)!, metricsPort);
        silo._process.OutputDataReceived += (_, e) => silo.Append(e.Data);
        silo._process.ErrorDataReceived += (_, e) => silo.Append(e.Data);
        silo._process.BeginOutputReadLine();
        silo._process.BeginErrorReadLine();
        return silo;
    }

    /// <summary>Waits until the silo says it runs; throws with its output if it exits or takes too long.</summary>
    public async Task WaitRunningAsync(TimeSpan timeout)
    {
        var done = await Task.WhenAny(_running.Task, _process.WaitForExitAsync(), Task.Delay(timeout));
        if (done != _running.Task) throw new InvalidOperationException($"{Name} did not start:\n{Output}");
    }

    /// <summary>Resident set size in bytes (VmRSS).</summary>
    public long ResidentBytes()
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        return 0;
    }

    /// <summary>The managed heap after the last collection (all generations), from the silo's /metrics; null if unreadable.</summary>
    public async Task<long?> ManagedHeapBytesAsync()
    {
        string text;
        try { text = await Http.GetStringAsync($"http://localhost:{MetricsPort}/metrics"); }
        catch (Exception) { return null; }
        long? total = null;
        foreach (var line in text.Split('\n'))
        {
            // .NET 9+ runtime metrics: dotnet.gc.last_collection.heap.size, one series per generation.
            if (!line.StartsWith("dotnet_gc_last_collection_heap_size_bytes", StringComparison.Ordinal)) continue;
            var value = line[(line.LastIndexOf(' ') + 1)..];
            if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var bytes)) total = (total ?? 0) + (long)bytes;
        }
        return total;
    }

    public bool HasExited => _process.HasExited;

    /// <summary>SIGTERM, and waits for the exit.</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited) return;
        _ = Kill(_process.Id, 15);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try { await _process.WaitForExitAsync(cts.Token); }
        catch (OperationCanceledException) { _process.Kill(entireProcessTree: true); }
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
        if (line.Contains("nin-search: silo running", StringComparison.Ordinal)) _running.TrySetResult();
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill")]
    private static extern int Kill(int pid, int signal);
}
