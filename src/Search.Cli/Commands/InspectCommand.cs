using System.CommandLine;
using System.Text.Json;
using NinSearch.Spec;
using Spectre.Console;

namespace NinSearch.Cli.Commands;

/// <summary><c>nin-search inspect</c>: per-layer output shapes, parameters and MACs of one architecture.</summary>
internal static class InspectCommand
{
    public static Command Create()
    {
        var architecture = new ArchitectureOptions();
        var json = new Option<bool>("--json") { Description = "print one JSON object (params, macs, layers) instead of a table" };
        var command = new Command("inspect", "show an architecture's layers, output shapes, parameter and MAC counts");
        architecture.AddTo(command);
        command.Add(json);
        command.SetAction(result => CliAction.Run(() =>
        {
            var spec = architecture.Resolve(result);
            var analysis = NinAnalysis.Of(spec);
            if (result.GetValue(json)) Console.WriteLine(ToJson(spec, analysis));
            else AnsiConsole.Write(ToTable(spec, analysis));
            return 0;
        }));
        return command;
    }

    private static string ToJson(NinSpec spec, NinAnalysis analysis) => JsonSerializer.Serialize(new
    {
        name = spec.Name,
        input = new[] { spec.Input.Channels, spec.Input.Height, spec.Input.Width },
        classes = spec.Classes,
        @params = analysis.Params,
        macs = analysis.Macs,
        layers = analysis.Layers.Select(l => new
        {
            name = l.Name,
            kind = JsonNamingPolicy.SnakeCaseLower.ConvertName(l.Kind.ToString()),
            shape = new[] { l.Channels, l.Height, l.Width },
            @params = l.Params,
            macs = l.Macs,
        }),
    });

    private static Table ToTable(NinSpec spec, NinAnalysis analysis)
    {
        var table = new Table { Title = new TableTitle($"{spec.Name ?? "architecture"} — input {spec.Input}, {spec.Classes} classes") };
        table.AddColumn("layer").AddColumn("output").AddColumn(new TableColumn("params").RightAligned()).AddColumn(new TableColumn("MACs").RightAligned());
        foreach (var layer in analysis.Layers)
            table.AddRow(layer.Name, layer.Shape, layer.Params.ToString("N0"), layer.Macs.ToString("N0"));
        table.AddRow("[bold]total[/]", "", $"[bold]{analysis.Params:N0}[/]", $"[bold]{analysis.Macs:N0}[/]");
        return table;
    }
}
