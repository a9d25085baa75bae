using System.CommandLine;
using Spectre.Console;

namespace NinSearch.Cli.Commands.Client;

/// <summary>
/// <c>nin-search campaign pareto ID</c>: the campaign's Pareto front of validation accuracy against MACs (the trials
/// no other trial beats on both), cheapest first, as the dashboard's chart draws it; <c>--all</c> lists every trial
/// with a recorded epoch, marking those on the front.
/// </summary>
internal static class ParetoCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("id") { Description = "campaign id" };
        var all = new Option<bool>("--all") { Description = "every trial with a recorded epoch, not only those on the front" };
        var command = new Command("pareto", "a campaign's Pareto front: validation accuracy against MACs") { id, all };
        var options = new ClientOptions(command);
        return options.Runs(command, async (session, result, ct) =>
        {
            var pareto = await session.Api.GetParetoAsync(result.GetValue(id)!, ct);
            if (session.Json) { session.WriteJson(pareto.Json); return 0; }
            var points = pareto.Value.Points;
            var shown = points.Where(p => p.OnFront || result.GetValue(all)).OrderBy(p => p.Macs).ThenByDescending(p => p.ValidationAccuracy).ToList();
            var table = new Table();
            foreach (var column in new[] { "#", "val acc", "MACs", "params", "front" }) table.AddColumn(column);
            foreach (var p in shown)
                table.AddRow(Cells.Row(p.Number.ToString(), Cells.Percent(p.ValidationAccuracy), Cells.Count(p.Macs), Cells.Count(p.ParameterCount), p.OnFront ? "yes" : ""));
            session.Out.Write(table);
            session.Out.WriteLine($"{points.Count(p => p.OnFront)} of {points.Count} trials with a recorded epoch are on the front");
            return 0;
        });
    }
}
