using System.Text.Json.Serialization;
using NinSearch.Spec;

namespace NinSearch.Dashboard.Ui.Live;

/// <summary>How a group of learning curves is drawn (by name in wwwroot/js/charts.js).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CurveGroup>))]
public enum CurveGroup
{
    /// <summary>Running or waiting to resume.</summary>
    InProgress,

    Complete,

    /// <summary>Stopped early by the scheduler: its curve ends at the rung it was stopped at.</summary>
    Pruned,

    Failed,

    /// <summary>The best trial, drawn on top.</summary>
    Best,
}

/// <summary>
/// One drawable series of learning curves: many trials' curves concatenated, each followed by a null, so that a
/// campaign of 2,000 trials is a handful of traces, not 2,000. X: epoch; Y: validation accuracy in percent; Trials: the
/// trial of each point (its hover label).
/// </summary>
public sealed record CurveSeries(CurveGroup Group, string Name, IReadOnlyList<int?> X, IReadOnlyList<double?> Y, IReadOnlyList<int?> Trials)
{
    /// <summary>The series of <paramref name="campaign"/>'s curves: non-empty groups in <see cref="CurveGroup"/> order.</summary>
    public static IReadOnlyList<CurveSeries> From(LiveCampaign campaign)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        var best = campaign.Best;
        var groups = new Dictionary<CurveGroup, (List<int?> X, List<double?> Y, List<int?> Trials)>();
        (List<int?> X, List<double?> Y, List<int?> Trials) Of(CurveGroup group) =>
            groups.TryGetValue(group, out var lists) ? lists : groups[group] = ([], [], []);

        foreach (var trial in campaign.Trials)
        {
            if (trial.Curve.Count == 0) continue;
            var group = trial == best ? CurveGroup.Best : GroupOf(trial.Status);
            var (x, y, numbers) = Of(group);
            foreach (var point in trial.Curve)
            {
                x.Add(point.Epoch);
                y.Add(Math.Round(point.ValidationAccuracy * 100, 3));
                numbers.Add(trial.Number);
            }
            x.Add(null);
            y.Add(null);
            numbers.Add(null);
        }
        return [.. groups.OrderBy(g => g.Key).Select(g => new CurveSeries(g.Key, NameOf(g.Key, best), g.Value.X, g.Value.Y, g.Value.Trials))];
    }

    private static CurveGroup GroupOf(TrialStatus status) => status switch
    {
        TrialStatus.Complete => CurveGroup.Complete,
        TrialStatus.Pruned => CurveGroup.Pruned,
        TrialStatus.Failed or TrialStatus.Rejected => CurveGroup.Failed,
        _ => CurveGroup.InProgress,
    };

    private static string NameOf(CurveGroup group, LiveTrial? best) => group switch
    {
        CurveGroup.InProgress => "running",
        CurveGroup.Complete => "complete",
        CurveGroup.Pruned => "pruned",
        CurveGroup.Failed => "failed",
        _ => $"best: trial {best?.Number}",
    };
}
