using System.Text.Json;
using NinSearch.Spec;

namespace NinSearch.Core.Schedulers;

/// <summary>
/// The median stopping rule (Golovin et al. 2017, Google Vizier): from <see cref="SchedulerOptions.GraceEpochs"/> on,
/// a trial whose best metric so far is strictly below the median of the other trials' running averages up to the
/// same epoch is stopped, once at least <see cref="SchedulerOptions.MinSamples"/> other trials have reached that
/// epoch. Other trials include running ones, so the rule acts before any trial completes.
/// </summary>
public sealed class MedianStoppingScheduler : SchedulerBase
{
    private Dictionary<long, SortedDictionary<int, double>> _curves = [];

    public MedianStoppingScheduler(SchedulerOptions? options = null) : base(options)
    {
    }

    public override SchedulerKind Kind => SchedulerKind.Median;

    private protected override EpochDecision Decide(long trialId, int arrival, int epoch, double metric)
    {
        if (!_curves.TryGetValue(trialId, out var curve)) _curves[trialId] = curve = [];
        curve[epoch] = metric;
        if (epoch < Options.GraceEpochs) return EpochDecision.Continue;
        var averages = new List<double>();
        foreach (var (id, other) in _curves)
        {
            if (id == trialId || other.Keys.Max() < epoch) continue;
            var upTo = other.Where(p => p.Key <= epoch).Select(p => p.Value).ToList();
            averages.Add(upTo.Average());
        }
        if (averages.Count < Options.MinSamples) return EpochDecision.Continue;
        averages.Sort();
        var n = averages.Count;
        var median = n % 2 == 1 ? averages[n / 2] : (averages[n / 2 - 1] + averages[n / 2]) / 2;
        return curve.Values.Max() < median ? EpochDecision.Stop : EpochDecision.Continue;
    }

    private protected override object? SaveExtra() => _curves;

    private protected override void RestoreExtra(JsonElement? extra) =>
        _curves = extra?.Deserialize<Dictionary<long, SortedDictionary<int, double>>>(StateJson.Options) ?? [];
}
