using System.Diagnostics;

namespace NinSearch.EndToEnd.Tests;

/// <summary>One short <c>nin-search</c> command run as its own process, as a user or a script runs it: exit code, stdout and stderr apart.</summary>
internal static class CliProcess
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
}
