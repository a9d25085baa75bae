using System.Diagnostics;
using System.Runtime.InteropServices;

namespace NinSearch.EndToEnd.Tests;

/// <summary>One short <c>nin-search</c> command run as its own process, as a user or a script runs it: exit code, stdout and stderr apart.</summary>
internal static partial class CliProcess
{
    public sealed record Result(string[] Arguments, int Exit, string Out, string Err)
    {
        public override string ToString() => $"nin-search {string.Join(' ', Arguments)} → exit {Exit}\nstdout:\n{Out}\nstderr:\n{Err}";
    }

    public static async Task<Result> RunAsync(TimeSpan timeout, params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "nin-search.dll"));
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        info.Environment.Remove("NINSEARCH_TOKEN");
        using var process = Process.Start(info)!;
        var (output, error) = (process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync());
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"nin-search {string.Join(' ', arguments)} did not end within {timeout}; stderr so far:\n{(error.IsCompleted ? error.Result : "")}");
        }
        return new Result(arguments, process.ExitCode, await output, await error);
    }

    /// <summary>Runs a command until it prints a stdout line matching <paramref name="ready"/>, then presses Ctrl+C (SIGINT).</summary>
    public static async Task<Result> InterruptAsync(TimeSpan timeout, Func<string, bool> ready, params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "nin-search.dll"));
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        info.Environment.Remove("NINSEARCH_TOKEN");
        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = new System.Text.StringBuilder();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            while (await process.StandardOutput.ReadLineAsync(cts.Token) is { } line)
            {
                output.AppendLine(line);
                if (!ready(line)) continue;
                _ = Kill(process.Id, 2);
                break;
            }
            output.Append(await process.StandardOutput.ReadToEndAsync(cts.Token));
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"nin-search {string.Join(' ', arguments)} did not print a line it was waited for, or did not stop on Ctrl+C, within {timeout}:\n{output}");
        }
        return new Result(arguments, process.ExitCode, output.ToString(), await error);
    }

    [LibraryImport("libc", EntryPoint = "kill")]
    private static partial int Kill(int pid, int signal);
}
