using System.CommandLine;
using NinSearch.Cli.Campaigns;
using NinSearch.Cli.Client;
using NinSearch.Core.Campaigns;

namespace NinSearch.Cli.Commands.Client;

/// <summary>
/// <c>nin-search campaign submit --spec FILE [--watch]</c>: validates the campaign file here (the server's own checks,
/// errors as <c>path: message</c>), submits it as it is and prints the new campaign's id; <c>--watch</c> then follows it.
/// </summary>
internal static class SubmitCommand
{
    public static Command Create()
    {
        var spec = new Option<FileInfo>("--spec") { Description = "campaign JSON file (see campaigns/demo.json)", Required = true };
        var watch = new Option<bool>("--watch") { Description = "then follow it as `campaign watch` does (exit 0 when it completes)" };
        var command = new Command("submit", "validate a campaign file and submit it to the NinSearch server") { spec, watch };
        var options = new ClientOptions(command);
        return options.Runs(command, async (session, result, ct) =>
        {
            var path = result.GetValue(spec)!.FullName;
            if (!File.Exists(path)) throw new FileNotFoundException($"campaign spec '{path}' does not exist", path);
            var json = await File.ReadAllTextAsync(path, ct);
            CampaignFile.Parse(json, path);
            var submitted = await session.Api.SubmitAsync(json, ct);
            var id = submitted.Value.Id;
            if (result.GetValue(watch))
            {
                await Console.Error.WriteLineAsync($"nin-search: submitted campaign {ApiError.Clean(id)}");
                return await WatchCommand.FollowAsync(session, id, ct);
            }
            if (session.Json) session.WriteJson(submitted.Json);
            else
            {
                // The id alone on stdout, so that ID=$(nin-search campaign submit --spec f.json) works.
                Console.Out.WriteLine(ApiError.Clean(id));
                await Console.Error.WriteLineAsync($"nin-search: submitted; follow it with `nin-search campaign watch {ApiError.Clean(id)}`");
            }
            return 0;
        });
    }
}
