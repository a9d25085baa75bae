using System.CommandLine;
using System.Text.Json;
using NinSearch.Core.Simulation;
using NinSearch.Core.Spaces;
using NinSearch.Store.ReadModel;
using Spectre.Console;

namespace NinSearch.Cli.Commands.Client;

/// <summary>
/// <c>nin-search campaign curves ID [--out FILE]</c>: every trial's sampler values, validation accuracy per epoch, test
/// accuracy and time per epoch, as JSON Lines (<see cref="CurvesFile"/>), for <c>nin-search bench search --replay</c>
/// and for analysis elsewhere.
/// </summary>
internal static class CurvesCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("id") { Description = "campaign id" };
        var output = new Option<FileInfo?>("--out") { Description = "file to write (default: standard output)" };
        var command = new Command("curves", "every trial's configuration and learning curve, as JSON Lines (for bench search --replay)") { id, output };
        var options = new ClientOptions(command);
        return options.Runs(command, async (session, result, ct) =>
        {
            var campaignId = result.GetValue(id)!;
            var campaign = (await session.Api.GetCampaignAsync(campaignId, ct)).Value;
            var history = (await session.Api.GetHistoryAsync(campaignId, ct)).Value;
            var entries = new Dictionary<int, LeaderboardEntry>();
            for (var offset = 0; ; offset += LeaderboardQuery.MaxLimit)
            {
                var page = (await session.Api.GetLeaderboardAsync(campaignId, new LeaderboardQuery(Offset: offset, Limit: LeaderboardQuery.MaxLimit), ct)).Value;
                foreach (var entry in page.Entries) entries[entry.Number] = entry;
                if (page.Entries.Count < LeaderboardQuery.MaxLimit) break;
            }

            var curves = new CurvesFile(
                new CurvesCampaign(campaignId, Find(campaign.Definition, "dataset")?.GetString() ?? "", SpaceOf(campaign.Definition)),
                [.. history.Trials.Where(t => t.Params is not null && t.Curve.Count > 0).Select(t => Trial(t, entries.GetValueOrDefault(t.Number)))]);
            if (result.GetValue(output)?.FullName is not { } path)
            {
                await curves.WriteAsync(Console.Out, ct);
                return 0;
            }
            await using (var writer = new StreamWriter(path))
                await curves.WriteAsync(writer, ct);
            session.Out.WriteLine($"wrote {curves.Trials.Count} trials of campaign {campaignId} to {path}");
            return 0;
        });
    }

    private static CurvesTrial Trial(TrialHistory trial, LeaderboardEntry? entry)
    {
        // One point per epoch: a resumed attempt's report of an epoch replaces the lost attempt's.
        var curve = trial.Curve.GroupBy(p => p.Epoch).OrderBy(g => g.Key).Select(g => g.MaxBy(p => p.Attempt)!.ValidationAccuracy).ToList();
        var seconds = entry is { TrainSeconds: { } total, Epochs: > 0 } ? total / entry.Epochs : (double?)null;
        return new CurvesTrial(trial.Number, Cells.Name(trial.Status), trial.Params!.Value, curve, entry?.TestAccuracy, seconds, trial.ParameterCount, trial.Macs);
    }

    /// <summary>The campaign's search space: the one its search settings give, else the default space it ran on.</summary>
    private static JsonElement SpaceOf(JsonElement definition)
    {
        if (Find(definition, "search_json") is { ValueKind: JsonValueKind.String } searchJson)
        {
            using var search = JsonDocument.Parse(searchJson.GetString()!);
            if (Find(search.RootElement, "space") is { ValueKind: JsonValueKind.Object } space) return space.Clone();
        }
        using var fallback = JsonDocument.Parse(DefaultSpaces.FashionMnistJson);
        return fallback.RootElement.Clone();
    }

    private static JsonElement? Find(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : null;
}
