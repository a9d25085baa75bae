using System.Text.Json;
using NinSearch.Spec;

namespace NinSearch.Cli.Tests;

public class InspectCommandTests
{
    [Fact]
    public async Task Json_output_has_the_analytic_params_macs_and_layers()
    {
        var (exit, output, _) = await CliRunner.RunAsync("inspect", "--preset", "nin-paper-cifar", "--json");

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(966_986, json.RootElement.GetProperty("params").GetInt64());
        Assert.Equal(222_486_528, json.RootElement.GetProperty("macs").GetInt64());
        var last = json.RootElement.GetProperty("layers").EnumerateArray().Last();
        Assert.Equal("global_avg_pool", last.GetProperty("kind").GetString());
        Assert.Equal([10, 1, 1], last.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()));
    }

    [Fact]
    public async Task Arch_file_is_read_and_inspected()
    {
        var file = Path.Combine(Path.GetTempPath(), $"arch-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, SpecJson.Serialize(Presets.Small));
        try
        {
            var (exit, output, _) = await CliRunner.RunAsync("inspect", "--arch", file, "--json");

            Assert.Equal(0, exit);
            Assert.Equal(NinAnalysis.Of(Presets.Small).Params, JsonDocument.Parse(output).RootElement.GetProperty("params").GetInt64());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Invalid_arch_file_is_a_clear_error_naming_the_field()
    {
        var file = Path.Combine(Path.GetTempPath(), $"arch-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, """{ "classes": 10, "blocks": [ { "kernel": 0, "width": 10 } ] }""");
        try
        {
            var (exit, _, error) = await CliRunner.RunAsync("inspect", "--arch", file);

            Assert.Equal(2, exit);
            Assert.Contains("blocks[0].kernel", error);
            Assert.Contains(file, error);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Preset_and_arch_together_are_refused()
    {
        var (exit, _, _) = await CliRunner.RunAsync("inspect", "--preset", "nin-small", "--arch", "x.json");
        Assert.NotEqual(0, exit);
    }

    [Fact]
    public async Task Table_output_lists_every_layer_and_the_total()
    {
        var (exit, output, _) = await CliRunner.RunAsync("inspect", "--preset", "nin-small");

        Assert.Equal(0, exit);
        foreach (var layer in NinAnalysis.Of(Presets.Small).Layers) Assert.Contains(layer.Name, output);
        Assert.Contains(NinAnalysis.Of(Presets.Small).Params.ToString("N0"), output);
    }
}
