using System.CommandLine;
using Spectre.Console;

namespace NinSearch.Cli.Commands.Client;

/// <summary><c>nin-search campaign compare ID N N [N N]</c>: 2 to 4 trials side by side, with the configuration values that differ.</summary>
internal static class CompareCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("id") { Description = "campaign id" };
        var trials = new Argument<int[]>("trials") { Description = "2 to 4 trial numbers", Arity = new ArgumentArity(2, 4) };
        trials.Validators.Add(r =>
        {
            var numbers = r.GetValueOrDefault<int[]>() ?? [];
            if (numbers.Any(n => n < 0)) r.AddError("trial numbers are 0 or more");
            else if (numbers.Distinct().Count() != numbers.Length) r.AddError("each trial may be named once");
        });
        var command = new Command("compare", "compare 2 to 4 trials of a campaign side by side") { id, trials };
        var options = new ClientOptions(command);
        return options.Runs(command, async (session, result, ct) =>
        {
            var comparison = await session.Api.CompareAsync(result.GetValue(id)!, result.GetValue(trials)!, ct);
            if (session.Json) { session.WriteJson(comparison.Json); return 0; }
            var shown = comparison.Value.Trials;
            var table = new Table().AddColumn("");
            foreach (var t in shown) table.AddColumn(new TableColumn($"trial #{t.Trial.Number}").RightAligned());
            void Row(string name, Func<NinSearch.Store.ReadModel.TrialDetail, string?> cell) => table.AddRow(Cells.Row([name, .. shown.Select(cell)]));
            Row("status", t => Cells.Name(t.Trial.Status));
            Row("val acc", t => Cells.Percent(t.Trial.BestValidationAccuracy));
            Row("best epoch", t => t.Trial.BestEpoch?.ToString() ?? "-");
            Row("test acc", t => Cells.Percent(t.Trial.TestAccuracy));
            Row("epochs", t => t.Trial.Epochs.ToString());
            Row("params", t => Cells.Count(t.Trial.ParameterCount));
            Row("MACs", t => Cells.Count(t.Trial.Macs));
            Row("seconds", t => t.Trial.TrainSeconds?.ToString("F0") ?? "-");
            Row("worker", t => t.Trial.WorkerId ?? "-");
            foreach (var path in comparison.Value.Differences) Row(path, t => Cells.Value(Cells.At(t.Config, path)));
            session.Out.Write(table);
            if (comparison.Value.Differences.Count == 0) session.Out.WriteLine("their configurations are identical");
            return 0;
        });
    }
}
