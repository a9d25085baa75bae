using System.CommandLine;
using System.IO.Compression;
using System.Text.Json;
using NinSearch.Cli.Client;
using Spectre.Console;

namespace NinSearch.Cli.Commands.Client;

/// <summary>
/// <c>nin-search campaign export ID [--trial N | --pick knee | --max-macs M | --max-params P | --max-latency-ms L] --out DIR [--zip]</c>:
/// downloads the export of the campaign's best trial (or trial N, or the one the rule picks: <see cref="ExportPick"/>)
/// — weights, spec, recipe, model card — and unpacks it into DIR, or with <c>--zip</c> keeps the archive there as it came.
/// </summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("id") { Description = "campaign id" };
        var trial = new Option<int?>("--trial") { Description = "trial number (default: the campaign's best trial)" };
        var output = new Option<DirectoryInfo>("--out") { Description = "folder to unpack into (created if needed)", Required = true };
        var zip = new Option<bool>("--zip") { Description = "keep the zip archive in the folder instead of unpacking it" };
        var pick = new Option<string?>("--pick") { Description = "knee: the trial at the knee of the accuracy-MACs front" };
        pick.AcceptOnlyFromAmong("knee");
        var maxMacs = new Option<long?>("--max-macs") { Description = "the most accurate complete trial with at most this many MACs per image" };
        var maxParams = new Option<long?>("--max-params") { Description = "the most accurate complete trial with at most this many parameters" };
        var maxLatency = new Option<double?>("--max-latency-ms") { Description = "the most accurate complete trial whose measured latency (batch 1) is at most this many milliseconds" };
        var command = new Command("export", "download a trial's export (best trial by default) and unpack it") { id, trial, output, zip, pick, maxMacs, maxParams, maxLatency };
        ExportRule Rule(ParseResult result) => new(result.GetValue(pick) == "knee", result.GetValue(maxMacs), result.GetValue(maxParams), result.GetValue(maxLatency));
        command.Validators.Add(result =>
        {
            if (result.GetValue(trial) is not null && (result.GetValue(pick) is not null || result.GetValue(maxMacs) is not null
                || result.GetValue(maxParams) is not null || result.GetValue(maxLatency) is not null))
                result.AddError("--trial names the trial; leave out --pick, --max-macs, --max-params and --max-latency-ms");
            if (result.GetValue(maxMacs) is <= 0 || result.GetValue(maxParams) is <= 0 || result.GetValue(maxLatency) is { } l && !(l > 0))
                result.AddError("--max-macs, --max-params and --max-latency-ms must be positive");
        });
        var options = new ClientOptions(command);
        return options.Runs(command, async (session, result, ct) =>
        {
            var (campaign, number, folder) = (result.GetValue(id)!, result.GetValue(trial), result.GetValue(output)!.FullName);
            if (Rule(result) is { Any: true } rule)
            {
                var history = (await session.Api.GetHistoryAsync(campaign, ct)).Value;
                number = ExportPick.Choose(history.Trials, rule);
            }
            Directory.CreateDirectory(folder);
            var download = Path.Combine(folder, $".download-{Guid.NewGuid():N}.zip");
            try
            {
                string? suggested;
                await using (var file = File.Create(download))
                    suggested = await session.Api.DownloadExportAsync(campaign, number, file, ct);
                var written = result.GetValue(zip) ? Keep(download, folder, suggested, campaign, number) : Unpack(download, folder);
                if (session.Json)
                    session.WriteJson(JsonSerializer.Serialize(new ExportResult(campaign, number, folder, written), ApiClient.Json));
                else
                    session.Out.WriteLine(ApiError.Clean($"exported {(number is { } n ? $"trial #{n}" : "the best trial")} of campaign {campaign} to {folder}: {string.Join(", ", written)}"));
                return 0;
            }
            finally
            {
                File.Delete(download);
            }
        });
    }

    private static IReadOnlyList<string> Keep(string download, string folder, string? suggested, string campaign, int? number)
    {
        var name = suggested is { Length: > 0 } ? suggested : $"{campaign}{(number is { } n ? $"-trial-{n}" : "")}.zip";
        name = string.Concat(name.Select(c => Path.GetInvalidFileNameChars().Contains(c) ? '_' : c));
        File.Move(download, Path.Combine(folder, name), overwrite: true);
        return [name];
    }

    private static IReadOnlyList<string> Unpack(string download, string folder)
    {
        try
        {
            using var archive = ZipFile.OpenRead(download);
            var names = archive.Entries.Where(e => e.Name.Length > 0).Select(e => e.FullName).ToList();
            // ExtractToDirectory refuses entries that would land outside the folder.
            archive.ExtractToDirectory(folder, overwriteFiles: true);
            return names;
        }
        catch (InvalidDataException e)
        {
            throw new ApiException($"the export the server sent is not a zip archive this client can read: {e.Message}", inner: e);
        }
    }

    private sealed record ExportResult(string CampaignId, int? Trial, string Folder, IReadOnlyList<string> Files);
}
