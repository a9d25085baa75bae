using System.CommandLine;
using NinSearch.Cli.Client;
using Spectre.Console;

namespace NinSearch.Cli.Commands.Client;

/// <summary><c>nin-search campaign cancel ID [--reason TEXT]</c>: stops a campaign; its running trials are stopped and kept.</summary>
internal static class CancelCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("id") { Description = "campaign id" };
        var reason = new Option<string?>("--reason") { Description = "why, recorded with the campaign (default: cancelled by the user)" };
        var command = new Command("cancel", "cancel a campaign (needs the API token)") { id, reason };
        var options = new ClientOptions(command);
        return options.Runs(command, async (session, result, ct) =>
        {
            var cancelled = await session.Api.CancelAsync(result.GetValue(id)!, result.GetValue(reason) ?? "cancelled by the user", ct);
            if (session.Json) { session.WriteJson(cancelled.Json); return 0; }
            var c = cancelled.Value;
            session.Out.WriteLine(ApiError.Clean($"campaign {c.Id} {Cells.Name(c.Status)}{(c.Reason is { } r ? $": {r}" : "")}"));
            return 0;
        });
    }
}
