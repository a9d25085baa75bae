using System.CommandLine;
using Spectre.Console;

namespace NinSearch.Cli.Commands.Client;

/// <summary><c>nin-search campaign show ID</c>: one campaign's status, progress against its budget, best trial and running trials.</summary>
internal static class ShowCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("id") { Description = "campaign id" };
        var command = new Command("show", "show one campaign: status, progress, best trial, running trials") { id };
        var options = new ClientOptions(command);
        return options.Runs(command, async (session, result, ct) =>
        {
            var detail = await session.Api.GetCampaignAsync(result.GetValue(id)!, ct);
            if (session.Json) { session.WriteJson(detail.Json); return 0; }
            var (c, p) = (detail.Value.Campaign, detail.Value.Campaign.Progress);
            var grid = new Grid().AddColumn().AddColumn();
            grid.AddRow(Cells.Row("campaign", c.Id));
            grid.AddRow(Cells.Row("name", c.Name));
            grid.AddRow(Cells.Row("status", $"{Cells.Name(c.Status)}{(c.Reason is { } r ? $": {r}" : "")}"));
            grid.AddRow(Cells.Row("dataset", c.Dataset));
            grid.AddRow(Cells.Row("search", $"{c.Sampler} sampler, {c.Scheduler} scheduler"));
            grid.AddRow(Cells.Row("trials", $"{p.TrialsStarted} started{(p.MaxTrials is { } mt ? $" of {mt}" : "")}: {p.TrialsWaiting} waiting, {p.TrialsRunning} running, " +
                $"{p.TrialsComplete} complete, {p.TrialsPruned} pruned, {p.TrialsFailed} failed, {p.TrialsRejected} rejected"));
            grid.AddRow(Cells.Row("epochs", $"{Cells.Count(p.EpochsUsed)}{(p.MaxEpochs is { } me ? $" of {Cells.Count(me)}" : "")}"));
            grid.AddRow(Cells.Row("elapsed", $"{Cells.Duration(c.ElapsedSeconds)}{(p.MaxWallClockSeconds is { } mw ? $" of {Cells.Duration(mw)}" : "")}"));
            grid.AddRow(Cells.Row("created", Cells.Time(c.CreatedAt)));
            grid.AddRow(Cells.Row("started", Cells.Time(c.StartedAt)));
            grid.AddRow(Cells.Row("ended", Cells.Time(c.EndedAt)));
            grid.AddRow(Cells.Row("workers", p.Workers.ToString()));
            grid.AddRow(Cells.Row("best", c.Best is { } b
                ? $"trial #{b.Number}: validation {Cells.Percent(b.ValidationAccuracy)}{(b.BestEpoch is { } e ? $" at epoch {e}" : "")}, test {Cells.Percent(b.TestAccuracy)}"
                : "-"));
            session.Out.Write(grid);
            if (detail.Value.RunningTrials.Count > 0)
            {
                var running = new Table { Title = new TableTitle("running trials") };
                foreach (var column in new[] { "#", "worker", "attempt", "epochs", "val acc" }) running.AddColumn(column);
                foreach (var t in detail.Value.RunningTrials)
                    running.AddRow(Cells.Row(t.Number.ToString(), t.WorkerId ?? "-", t.Attempt.ToString(), t.Epochs.ToString(), Cells.Percent(t.BestValidationAccuracy)));
                session.Out.Write(running);
            }
            return 0;
        });
    }
}
