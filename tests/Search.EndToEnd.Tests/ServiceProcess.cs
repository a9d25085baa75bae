using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace NinSearch.EndToEnd.Tests;

/// <summary>A <c>nin-search</c> silo or worker running as its own OS process, with its output kept for failure messages.</summary>
internal sealed partial class ServiceProcess : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private ServiceProcess(string name, Process process)
    {
        Name = name;
        this.process = process;
    }

    public string Name { get; }

    public bool HasExited => process.HasExited;

    public string Output { get { lock (output) return output.ToString(); } }

    public static ServiceProcess Start(string name, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "nin-search.dll"));
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        foreach (var (key, value) in environment) info.Environment[key] = value;
        var process = Process.Start(info)!;
        var service = new ServiceProcess(name, process);
        process.OutputDataReceived += (_, e) => service.Append(e.Data);
        process.ErrorDataReceived += (_, e) => service.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return service;
    }

    /// <summary>SIGKILL: no checkpoint, no lease release, no goodbye — a crash.</summary>
    public void Crash() => process.Kill(entireProcessTree: true);

    /// <summary>SIGTERM, then wait for a clean exit.</summary>
    public async Task<int> StopAsync(TimeSpan timeout)
    {
        if (!process.HasExited) _ = Kill(process.Id, 15);
        using var cts = new CancellationTokenSource(timeout);
        try { await process.WaitForExitAsync(cts.Token); }
        catch (OperationCanceledException) { process.Kill(entireProcessTree: true); return -1; }
        return process.ExitCode;
    }

    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        process.Dispose();
    }

    private bool disposed;

    private void Append(string? line)
    {
        if (line is null) return;
        lock (output) output.AppendLine($"[{Name}] {line}");
    }

    [LibraryImport("libc", EntryPoint = "kill")]
    private static partial int Kill(int pid, int signal);
}
