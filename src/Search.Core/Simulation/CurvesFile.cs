using System.Text.Json;
using NinSearch.Spec;

namespace NinSearch.Core.Simulation;

/// <summary>
/// A campaign's recorded learning curves, as <c>nin-search campaign curves ID</c> writes them: JSON Lines, snake_case,
/// the first line the campaign (<see cref="CurvesCampaign"/>, its search space among it), then one line per trial
/// (<see cref="CurvesTrial"/>). <c>nin-search bench search --replay FILE</c> replays them instead of the simulator.
/// </summary>
public sealed record CurvesFile(CurvesCampaign Campaign, IReadOnlyList<CurvesTrial> Trials)
{
    /// <summary>Writes the file: the campaign line, then each trial's.</summary>
    public async Task WriteAsync(TextWriter writer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writer);
        await writer.WriteLineAsync(JsonSerializer.Serialize(Campaign, SpecJson.Compact).AsMemory(), cancellationToken);
        foreach (var trial in Trials)
            await writer.WriteLineAsync(JsonSerializer.Serialize(trial, SpecJson.Compact).AsMemory(), cancellationToken);
    }

    /// <summary>
    /// Reads a file written by <see cref="WriteAsync"/>; a line that is not what it should be is a
    /// <see cref="FormatException"/> naming the line.
    /// </summary>
    public static CurvesFile Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        CurvesCampaign? campaign = null;
        var trials = new List<CurvesTrial>();
        var number = 0;
        for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            number++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            try
            {
                if (campaign is null)
                {
                    campaign = ReadCampaign(line, number);
                    continue;
                }
                var trial = JsonSerializer.Deserialize<CurvesTrial>(line, SpecJson.Compact);
                if (trial?.Kind != CurvesTrial.KindName || trial.ValidationAccuracy is null)
                    throw new FormatException($"line {number}: expected a trial, with \"kind\": \"{CurvesTrial.KindName}\" and its \"validation_accuracy\"");
                trials.Add(trial);
            }
            catch (JsonException e)
            {
                throw new FormatException($"line {number}: not a curves record: {e.Message}", e);
            }
        }
        return new CurvesFile(campaign ?? throw new FormatException("the file is empty: no campaign line"), trials);
    }

    private static CurvesCampaign ReadCampaign(string line, int number)
    {
        var expected = $"line {number}: the first line must be the campaign, with \"kind\": \"{CurvesCampaign.KindName}\" and its \"space\"";
        try
        {
            var campaign = JsonSerializer.Deserialize<CurvesCampaign>(line, SpecJson.Compact);
            return campaign?.Kind == CurvesCampaign.KindName && campaign.Space.ValueKind == JsonValueKind.Object ? campaign : throw new FormatException(expected);
        }
        catch (JsonException e)
        {
            throw new FormatException($"{expected} ({e.Message})", e);
        }
    }
}

/// <summary>The first line of a <see cref="CurvesFile"/>.</summary>
/// <param name="CampaignId">The campaign the curves come from.</param>
/// <param name="Dataset">Its dataset.</param>
/// <param name="Space">Its search space (the space document, as a campaign file gives it).</param>
public sealed record CurvesCampaign(string CampaignId, string Dataset, JsonElement Space)
{
    public const string KindName = "campaign";

    public string Kind { get; init; } = KindName;
}

/// <summary>One trial of a <see cref="CurvesFile"/>.</summary>
/// <param name="Trial">Its number.</param>
/// <param name="Status">How it ended (snake_case, as the API writes it).</param>
/// <param name="Params">The sampler's values, by dimension name.</param>
/// <param name="ValidationAccuracy">Validation accuracy after each epoch, from epoch 1.</param>
/// <param name="TestAccuracy">Test accuracy of its final weights; absent when it did not finish.</param>
/// <param name="SecondsPerEpoch">Training time per epoch; absent when unknown.</param>
/// <param name="ParameterCount">Trainable parameters.</param>
/// <param name="Macs">Multiply-accumulates per image.</param>
public sealed record CurvesTrial(
    int Trial,
    string Status,
    JsonElement Params,
    IReadOnlyList<double> ValidationAccuracy,
    double? TestAccuracy,
    double? SecondsPerEpoch,
    long ParameterCount,
    long Macs)
{
    public const string KindName = "trial";

    public string Kind { get; init; } = KindName;
}
