using System.Diagnostics;
using TorchSharp;

namespace NinSearch.Model.Tests;

/// <summary>
/// Proves the built copy of TorchSharp's native glue loads here, and that the fix script (see
/// build/TorchSharpNativeFix.targets) is idempotent and touches only the two fields it means to.
/// </summary>
public sealed class NativeLoadTests
{
    [Fact]
    public void TorchSharp_loads_and_runs_an_op()
    {
        using var a = torch.arange(6, dtype: torch.float32).reshape(2, 3);
        using var b = torch.ones(3, 2);
        using var c = a.matmul(b);
        Assert.Equal(new[] { 3f, 3f, 12f, 12f }, c.data<float>().ToArray());
    }

    [Fact]
    public void Fix_script_patches_a_copy_once_and_changes_two_bytes()
    {
        var original = Directory.GetFiles(AppContext.BaseDirectory, "libLibTorchSharp.so", SearchOption.AllDirectories).First();
        var script = Path.Combine(RepoRoot(), "build", "torchsharp-native-fix.pl");
        var copy = Path.Combine(Path.GetTempPath(), $"nin-fix-{Guid.NewGuid():N}.so");
        try
        {
            // Start from the unpatched bytes: undo nothing, just take the package's file.
            var package = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile),
                ".nuget/packages/torchsharp/0.107.0/runtimes/linux-x64/native/libLibTorchSharp.so");
            File.Copy(File.Exists(package) ? package : original, copy);
            var before = File.ReadAllBytes(copy);

            var first = RunPerl(script, copy);
            var second = RunPerl(script, copy);

            var after = File.ReadAllBytes(copy);
            Assert.Equal(before.Length, after.Length);
            var changed = Enumerable.Range(0, before.Length).Count(i => before[i] != after[i]);
            if (first.Contains("already patched", StringComparison.Ordinal))
                Assert.Equal(0, changed); // the package file itself was patched elsewhere: nothing left to do
            else
            {
                Assert.Contains(": patched", first, StringComparison.Ordinal);
                // vna_flags (one byte: 0 → 2) and the 16-bit versym entry (18 → 1, one byte).
                Assert.Equal(2, changed);
            }
            Assert.Contains("already patched", second, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(copy);
        }
    }

    private static string RunPerl(string script, string file)
    {
        using var process = Process.Start(new ProcessStartInfo("perl", ["--", script, "--force", file])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, output);
        return output;
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "build", "torchsharp-native-fix.pl"))) return dir.FullName;
        throw new InvalidOperationException("repository root with build/torchsharp-native-fix.pl not found");
    }
}
