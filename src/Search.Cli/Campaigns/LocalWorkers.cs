using System.Diagnostics;
using System.Runtime.InteropServices;

namespace NinSearch.Cli.Campaigns;

/// <summary>
/// Worker processes started on this machine (<c>nin-search worker</c>), each its own libtorch process. Disposing
/// sends SIGTERM, so each worker checkpoints and releases its leases, then kills what is left after a grace period.
/// </summary>
internal sealed partial class LocalWorkers : IAsyncDisposable
{
    private readonly List<Process> processes = [];

    // Closed only after the process has exited and its output is drained: Exited can fire before the last lines
    // arrive, and writing to a closed log from the output event would crash this process.
    private readonly List<StreamWriter> logs = [];

    public IReadOnlyList<Process> Processes => processes;

    /// <summary>
    /// Starts <paramref name="count"/> workers with the given <c>nin-search worker</c> arguments and, added to this
    /// process's, <paramref name="environment"/> (where secrets go: unlike arguments, <c>ps</c> does not show it); logs go
    /// to <paramref name="logFolder"/>.
    /// </summary>
    public static LocalWorkers Start(int count, Func<int, IReadOnlyList<string>> arguments, string logFolder,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        Directory.CreateDirectory(logFolder);
        var workers = new LocalWorkers();
        var cli = typeof(CliApp).Assembly.Location;
        for (var i = 0; i < count; i++)
        {
            var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            info.ArgumentList.Add(cli);
            info.ArgumentList.Add("worker");
            foreach (var argument in arguments(i)) info.ArgumentList.Add(argument);
            foreach (var (key, value) in environment ?? new Dictionary<string, string>()) info.Environment[key] = value;
            var process = Process.Start(info) ?? throw new InvalidOperationException("could not start a worker process");
            var log = new StreamWriter(Path.Combine(logFolder, $"worker-{i + 1}.log")) { AutoFlush = true };
            process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            workers.processes.Add(process);
            workers.logs.Add(log);
        }
        return workers;
    }

    private bool disposed;

    /// <summary>SIGTERM to each worker, then waits for them; idempotent.</summary>
    public async ValueTask DisposeAsync()
    {
        if (disposed) return;
        disposed = true;
        foreach (var process in processes.Where(p => !p.HasExited)) _ = Kill(process.Id, SigTerm);
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(40));
        foreach (var process in processes)
        {
            try { await process.WaitForExitAsync(grace.Token); }
            catch (OperationCanceledException) { process.Kill(entireProcessTree: true); }
            process.Dispose();
        }
        foreach (var log in logs) lock (log) log.Dispose();
    }

    private const int SigTerm = 15;

    [LibraryImport("libc", EntryPoint = "kill")]
    private static partial int Kill(int pid, int signal);
}
