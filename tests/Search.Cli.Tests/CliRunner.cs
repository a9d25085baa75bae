namespace NinSearch.Cli.Tests;

/// <summary>Runs nin-search in-process with stdout and stderr captured. Console is process-wide, so CLI tests share one non-parallel collection.</summary>
internal static class CliRunner
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public static async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        await Gate.WaitAsync();
        var (stdout, stderr) = (Console.Out, Console.Error);
        try
        {
            using var output = new StringWriter();
            using var error = new StringWriter();
            Console.SetOut(output);
            Console.SetError(error);
            var exit = await CliApp.Create().Parse(args).InvokeAsync();
            return (exit, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
            Gate.Release();
        }
    }

    /// <summary>
    /// Holds the process to one in-process cluster until disposed, for tests that host a silo or worker themselves.
    /// Two reasons. Their console logs would land in a running verb's captured output (a `--json` report that began
    /// with "warn:"). And a MeterProvider takes every instrument of its meter names in the process, not only its own
    /// host's, so another silo's instruments share names and identity with this one's: with other silos coming and going
    /// beside it, this silo's scrape lacked every ninsearch_ and Orleans silo metric for 30 s (2 full runs in 6 under
    /// load; none in 8 with this hold). That their disposal ends the shared streams is the likely cause, not proven.
    /// </summary>
    public static async Task<IDisposable> HoldAsync()
    {
        await Gate.WaitAsync();
        return new Releaser();
    }

    private sealed class Releaser : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) Gate.Release();
        }
    }
}
