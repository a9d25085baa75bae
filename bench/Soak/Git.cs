using System.Diagnostics;

namespace NinSearch.Bench.Soak;

/// <summary>The commit the run measured.</summary>
internal static class Git
{
    public static string Commit()
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", "rev-parse --short HEAD") { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var commit = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return git.ExitCode == 0 ? commit : "unknown";
        }
        catch (Exception)
        {
            return "unknown";
        }
    }
}
