using System.Text.Json;

namespace NinSearch.Cli.Tests;

public class BenchSearchCommandTests
{
    [Fact]
    public async Task Json_report_names_every_strategy_with_its_numbers()
    {
        var (exit, output, _) = await CliRunner.RunAsync("bench", "search", "--seeds", "2", "--json");

        Assert.Equal(0, exit);
        var root = JsonDocument.Parse(output).RootElement;
        Assert.True(root.GetProperty("baseline_epochs").GetDouble() > 0);
        var strategies = root.GetProperty("strategies").EnumerateArray().ToList();
        Assert.Equal(["random+fifo", "random+asha", "tpe+asha", "evolution+asha", "hyperband"], strategies.Select(s => s.GetProperty("name").GetString()));
        Assert.All(strategies, s => Assert.InRange(s.GetProperty("best_final").GetDouble(), 0.1, 1.0));
        Assert.True(strategies.All(s => s.TryGetProperty("epochs_to_reach_baseline", out _)));
    }
}
