using System.Text.Json;

namespace NinSearch.Cli.Tests;

public sealed class BenchPackCommandTests
{
    [Fact]
    public async Task Json_report_has_alone_and_packed_throughput_and_their_ratio()
    {
        var (exit, output, error) = await CliRunner.RunAsync(
            "bench", "pack", "--device", "cpu", "--trials", "2", "--batch", "4", "--steps", "1", "--warmup", "0", "--threads", "1", "--json");

        Assert.True(exit == 0, error);
        var root = JsonDocument.Parse(output).RootElement;
        Assert.Equal(("nin-small", "cpu", 2), (root.GetProperty("architecture").GetString(), root.GetProperty("device").GetString(), root.GetProperty("trials").GetInt32()));
        var alone = root.GetProperty("alone_images_per_second").GetDouble();
        var packed = root.GetProperty("packed_images_per_second").GetDouble();
        Assert.True(alone > 0 && packed > 0);
        Assert.Equal(packed / alone, root.GetProperty("speedup").GetDouble(), 6);
    }

    [Fact]
    public async Task No_trials_is_refused_in_one_line()
    {
        var (exit, _, error) = await CliRunner.RunAsync("bench", "pack", "--trials", "0");

        Assert.NotEqual(0, exit);
        Assert.Contains("--trials must be at least 1", error);
        Assert.DoesNotContain("   at ", error);
    }
}
