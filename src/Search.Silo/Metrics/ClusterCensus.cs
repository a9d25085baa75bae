using System.Text.Json;
using NinSearch.Abstractions;
using NinSearch.Spec;
using NinSearch.Store.ReadModel;

namespace NinSearch.Silo.Metrics;

/// <summary>
/// What the cluster holds, by label value, for <see cref="SearchInstruments"/>' census gauges: campaigns by
/// <c>state</c>, trials by <c>status</c> and online workers by <c>device</c>. Every label value is present (0 when
/// none), so a dashboard's series never vanish. Cluster-wide like <see cref="TrialLoad"/>: aggregate with <c>max</c>.
/// </summary>
/// <param name="CampaignsByState">Campaigns in the store by state (<c>draft</c>, <c>running</c>, <c>completed</c>, <c>cancelled</c>, <c>failed</c>).</param>
/// <param name="TrialsByStatus">
/// <c>pending</c> and <c>running</c> as <see cref="TrialLoad"/> counts them (running campaigns; the autoscaling gauges'
/// values), and the trials that ended over every campaign in the store: <c>completed</c>, <c>failed</c>,
/// <c>stopped_early</c> (stopped by the scheduler or the budget).
/// </param>
/// <param name="WorkersByDevice">Online workers by the device they train on (<c>cpu</c>, <c>cuda</c>).</param>
public sealed record ClusterCensus(
    IReadOnlyDictionary<string, long> CampaignsByState,
    IReadOnlyDictionary<string, long> TrialsByStatus,
    IReadOnlyDictionary<string, long> WorkersByDevice)
{
    /// <summary>The <c>status</c> label values of the trial gauge, in documentation order.</summary>
    public static IReadOnlyList<string> TrialStatuses { get; } = ["pending", "running", "completed", "failed", "stopped_early"];

    /// <summary>The census of <paramref name="campaigns"/> and <paramref name="workers"/>, with <paramref name="load"/>'s pending and running trials.</summary>
    public static ClusterCensus From(IReadOnlyCollection<CampaignSummary> campaigns, IEnumerable<WorkerStatus> workers, TrialLoad load)
    {
        var states = Enum.GetValues<CampaignStatus>().ToDictionary(Label, s => (long)campaigns.Count(c => c.Status == s));
        var trials = new Dictionary<string, long>
        {
            ["pending"] = load.Pending,
            ["running"] = load.Running,
            ["completed"] = campaigns.Sum(c => (long)c.Progress.TrialsComplete),
            ["failed"] = campaigns.Sum(c => (long)c.Progress.TrialsFailed),
            ["stopped_early"] = campaigns.Sum(c => (long)c.Progress.TrialsPruned),
        };
        var online = workers.Where(w => w.Online).ToList();
        var devices = Enum.GetValues<DeviceKind>().ToDictionary(Label, d => (long)online.Count(w => w.Registration.Capabilities.Device == d));
        return new ClusterCensus(states, trials, devices);
    }

    /// <summary>A label value: the enum member in snake_case, as every name in NinSearch's JSON.</summary>
    public static string Label<T>(T value) where T : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());
}
