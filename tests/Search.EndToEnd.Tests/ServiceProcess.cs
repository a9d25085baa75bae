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

    /// <summary>The process id (of <c>dotnet</c> itself; <c>ip netns exec</c> execs it).</summary>
    public int Id => process.Id;

    public string Output { get { lock (output) return output.ToString(); } }

    public static ServiceProcess Start(string name, IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        Start(name, null, environment, arguments);

    /// <summary>Starts the process inside network namespace <paramref name="netns"/> (<c>ip netns exec</c>, which execs it: same pid); null: this one.</summary>
    public static ServiceProcess Start(string name, string? netns, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var info = new ProcessStartInfo(netns is null ? "dotnet" : "ip") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (netns is not null) foreach (var word in new[] { "netns", "exec", netns, "dotnet" }) info.ArgumentList.Add(word);
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

    /// <summary>Sends <paramref name="signal"/> and returns at once (SIGSTOP and SIGCONT: the process lives on).</summary>
    public void Signal(int signal)
    {
        if (Kill(process.Id, signal) != 0) throw new InvalidOperationException($"kill({process.Id}, {signal}) failed for {Name}");
    }

    /// <summary>SIGKILL, and wait until the process is gone, so nothing more can come from it.</summary>
    public async Task CrashAsync()
    {
        Crash();
        await process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, then wait for a clean exit.</summary>
    public async Task<int> StopAsync(TimeSpan timeout) => (await SignalAsync(Signals.Term, timeout)).Exit;

    /// <summary>
    /// Sends <paramref name="signal"/> and waits for the process to end: its exit code (-1 when it was still running
    /// after <paramref name="timeout"/>, and then killed) and how long it took.
    /// </summary>
    public async Task<(int Exit, TimeSpan Elapsed)> SignalAsync(int signal, TimeSpan timeout)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        if (!process.HasExited) _ = Kill(process.Id, signal);
        using var cts = new CancellationTokenSource(timeout);
        try { await process.WaitForExitAsync(cts.Token); }
        catch (OperationCanceledException) { process.Kill(entireProcessTree: true); return (-1, clock.Elapsed); }
        return (process.ExitCode, clock.Elapsed);
    }

    /// <summary>Waits until the process has printed a line containing <paramref name="text"/>; fails if it exits first.</summary>
    public async Task WaitForLineAsync(string text, TimeSpan timeout)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (output)
        {
            if (output.ToString().Contains(text, StringComparison.Ordinal)) return;
            waiters.Add((text, seen));
        }
        var exited = process.WaitForExitAsync();
        var done = await Task.WhenAny(seen.Task, exited, Task.Delay(timeout));
        if (done == seen.Task) return;
        throw new TimeoutException(done == exited
            ? $"{Name} exited ({process.ExitCode}) before printing '{text}':\n{Output}"
            : $"{Name} did not print '{text}' within {timeout}:\n{Output}");
    }

    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        process.Dispose();
    }

    private bool disposed;

    private readonly List<(string Text, TaskCompletionSource Seen)> waiters = [];

    private void Append(string? line)
    {
        if (line is null) return;
        lock (output)
        {
            output.AppendLine($"[{Name}] {line}");
            foreach (var waiter in waiters.Where(w => line.Contains(w.Text, StringComparison.Ordinal)).ToList())
            {
                waiter.Seen.TrySetResult();
                waiters.Remove(waiter);
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "kill")]
    private static partial int Kill(int pid, int signal);
}
