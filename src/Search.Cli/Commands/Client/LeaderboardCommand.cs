using System.CommandLine;
using NinSearch.Spec;
using NinSearch.Store.ReadModel;
using Spectre.Console;

namespace NinSearch.Cli.Commands.Client;

/// <summary><c>nin-search campaign leaderboard ID</c>: a page of the campaign's trials, sorted and filtered on the server.</summary>
internal static class LeaderboardCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("id") { Description = "campaign id" };
        var sort = SnakeCaseOption.Create<LeaderboardSort>("--sort", "column to sort by (default best_validation_accuracy)");
        var order = new Option<string>("--order") { Description = "asc or desc", DefaultValueFactory = _ => "desc" };
        order.AcceptOnlyFromAmong("asc", "desc");
        var status = SnakeCaseOption.Create<TrialStatus>("--status", "only trials in this status");
        var limit = new Option<int>("--limit") { Description = $"rows (1 to {LeaderboardQuery.MaxLimit})", DefaultValueFactory = _ => 50 };
        limit.Validators.Add(r => { if (r.GetValueOrDefault<int>() is < 1 or > LeaderboardQuery.MaxLimit) r.AddError($"--limit must be 1 to {LeaderboardQuery.MaxLimit}"); });
        var offset = new Option<int>("--offset") { Description = "rows to skip", DefaultValueFactory = _ => 0 };
        offset.Validators.Add(r => { if (r.GetValueOrDefault<int>() < 0) r.AddError("--offset must be 0 or more"); });
        var command = new Command("leaderboard", "a campaign's trials, best validation accuracy first") { id, sort, order, status, limit, offset };
        var options = new ClientOptions(command);
        return options.Runs(command, async (session, result, ct) =>
        {
            var query = new LeaderboardQuery(result.GetValue(sort) ?? LeaderboardSort.BestValidationAccuracy, result.GetValue(order) != "asc",
                result.GetValue(status), Offset: result.GetValue(offset), Limit: result.GetValue(limit));
            var page = await session.Api.GetLeaderboardAsync(result.GetValue(id)!, query, ct);
            if (session.Json) { session.WriteJson(page.Json); return 0; }
            var table = new Table();
            foreach (var column in new[] { "#", "status", "val acc", "epoch", "test acc", "epochs", "params", "MACs", "ms/image", "seconds", "worker", "parameters" })
                table.AddColumn(column);
            foreach (var e in page.Value.Entries)
                table.AddRow(Cells.Row(e.Number.ToString(), Cells.Name(e.Status), Cells.Percent(e.BestValidationAccuracy), e.BestEpoch?.ToString() ?? "-",
                    Cells.Percent(e.TestAccuracy), e.Epochs.ToString(), Cells.Count(e.ParameterCount), Cells.Count(e.Macs),
                    e.LatencyMs?.ToString("0.00") ?? "-", e.TrainSeconds?.ToString("F0") ?? "-", e.WorkerId ?? "-", Cells.Parameters(e.Params)));
            session.Out.Write(table);
            var (first, count) = (page.Value.Query.Offset, page.Value.Entries.Count);
            session.Out.WriteLine(count == 0 ? $"no trials of {page.Value.Total}" : $"trials {first + 1}-{first + count} of {page.Value.Total}");
            return 0;
        });
    }
}
