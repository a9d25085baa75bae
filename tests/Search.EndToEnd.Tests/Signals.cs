namespace NinSearch.EndToEnd.Tests;

/// <summary>
/// The POSIX signals the tests send, and the exit-code convention they check: a service (<c>up</c>, <c>silo</c>,
/// <c>worker</c>, <c>dashboard</c>) stopped by either signal exits 0; an interrupted job (<c>campaign run</c>) exits 130.
/// </summary>
internal static class Signals
{
    public const int Int = 2;
    public const int Term = 15;
    public const int Cont = 18;
    public const int Stop = 19;

    /// <summary>How soon a verb must end after the signal: seconds of work, with room for two loaded CI cores.</summary>
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    /// <summary>The exit code of a service stopped by a signal.</summary>
    public const int ServiceStopped = 0;

    /// <summary>The exit code of an interrupted job.</summary>
    public const int JobInterrupted = 130;

    public static string Name(int signal) => signal switch { Int => "SIGINT", Term => "SIGTERM", Cont => "SIGCONT", Stop => "SIGSTOP", _ => $"signal {signal}" };
}
