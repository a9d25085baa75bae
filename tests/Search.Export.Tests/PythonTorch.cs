using System.Diagnostics;

namespace NinSearch.Export.Tests;

/// <summary>
/// Finds a Python with PyTorch: <c>$NINSEARCH_PYTHON</c>, then Debian's <c>/usr/bin/python3</c> (python3-torch, which
/// scripts/setup.sh installs; a pyenv <c>python3</c> earlier on PATH does not see it), then <c>python3</c> on PATH.
/// </summary>
internal static class PythonTorch
{
    private static readonly Lazy<string?> Found = new(Find);

    /// <summary>The interpreter, or null when none can import torch.</summary>
    public static string? Interpreter => Found.Value;

    /// <summary>Runs <paramref name="script"/> with the interpreter; returns stdout, throws with stderr on failure.</summary>
    public static string Run(string script, TimeSpan timeout)
    {
        var interpreter = Interpreter ?? throw new InvalidOperationException("no Python with torch");
        var (code, stdout, stderr) = Execute(interpreter, script, timeout);
        return code == 0 ? stdout : throw new InvalidOperationException($"python exited with {code}:\n{stderr}");
    }

    private static string? Find()
    {
        var candidates = new[] { Environment.GetEnvironmentVariable("NINSEARCH_PYTHON"), "/usr/bin/python3", "python3" };
        foreach (var candidate in candidates.OfType<string>().Where(c => c.Length > 0))
        {
            try
            {
                if (Execute(candidate, "import torch", TimeSpan.FromSeconds(60)).Code == 0) return candidate;
            }
            catch (System.ComponentModel.Win32Exception) { }
        }
        return null;
    }

    private static (int Code, string Stdout, string Stderr) Execute(string interpreter, string script, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(interpreter) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-");
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {interpreter}");
        process.StandardInput.Write(script);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{interpreter} did not finish within {timeout}");
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}

/// <summary>A fact that is skipped, with the reason, when no Python can import torch.</summary>
internal sealed class PythonTorchFactAttribute : FactAttribute
{
    public PythonTorchFactAttribute()
    {
        if (PythonTorch.Interpreter is null)
            Skip = "no Python with PyTorch found (install Debian's python3-torch: scripts/setup.sh does, or set NINSEARCH_PYTHON)";
    }
}
