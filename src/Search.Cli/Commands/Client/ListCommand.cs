using System.CommandLine;
using Spectre.Console;

namespace NinSearch.Cli.Commands.Client;

/// <summary><c>nin-search campaign list</c>: every campaign on the server, newest first.</summary>
internal static class ListCommand
{
    public static Command Create()
    {
        var command = new Command("list", "list the campaigns on the NinSearch server, newest first");
        var options = new ClientOptions(command);
        return options.Runs(command, async (session, _, ct) =>
        {
            var campaigns = await session.Api.ListCampaignsAsync(ct);
            if (session.Json) { session.WriteJson(campaigns.Json); return 0; }
            if (campaigns.Value.Count == 0) { session.Out.WriteLine("no campaigns yet (submit one with `nin-search campaign submit --spec FILE`)"); return 0; }
            var table = new Table();
            foreach (var column in new[] { "id", "name", "status", "trials", "epochs", "best val", "elapsed", "created" }) table.AddColumn(column);
            foreach (var c in campaigns.Value)
            {
                var trials = $"{c.Progress.TrialsComplete}/{c.Progress.TrialsStarted}{(c.Progress.MaxTrials is { } max ? $" of {max}" : "")}";
                table.AddRow(Cells.Row(c.Id, c.Name, Cells.Name(c.Status), trials, Cells.Count(c.Progress.EpochsUsed), Cells.Percent(c.Best?.ValidationAccuracy),
                    Cells.Duration(c.ElapsedSeconds), Cells.Time(c.CreatedAt)));
            }
            session.Out.Write(table);
            return 0;
        });
    }
}
