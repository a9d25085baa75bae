using NinSearch.Spec;
using NinSearch.Store.ReadModel;

namespace NinSearch.Dashboard.Ui.Live;

/// <summary>
/// One trial as the live campaign page knows it: status, worker, validation curve (one point per epoch, the latest
/// attempt's), and what the store said about it (size, sampler values). Changed only by <see cref="LiveCampaign"/>.
/// </summary>
public sealed class LiveTrial
{
    private readonly SortedList<int, CurvePoint> curve = [];

    internal LiveTrial(int number) => Number = number;

    public int Number { get; }

    public TrialStatus Status { get; internal set; } = TrialStatus.Waiting;

    /// <summary>The worker running it (or that last ran it); null while it waits.</summary>
    public string? WorkerId { get; internal set; }

    /// <summary>Its points by epoch; a pruned trial's last point is the rung it was stopped at.</summary>
    public IList<CurvePoint> Curve => curve.Values;

    /// <summary>Highest validation accuracy over its epochs; null before the first.</summary>
    public double? BestValidationAccuracy { get; private set; }

    /// <summary>Its last recorded epoch (0 before the first).</summary>
    public int LastEpoch => curve.Count == 0 ? 0 : curve.Keys[^1];

    /// <summary>Multiply-accumulates per image, once the store was read after the trial was sampled (else 0).</summary>
    public long Macs { get; internal set; }

    public long ParameterCount { get; internal set; }

    /// <summary>The sampler's values (dimension name → value); null for presets or before the store was read.</summary>
    public System.Text.Json.JsonElement? Params { get; internal set; }

    /// <summary>The grain sequence of the update that last set <see cref="Status"/> (0: from the store).</summary>
    internal long StatusSequence { get; set; }

    /// <summary>
    /// Records a point; a later attempt replaces an earlier one's point for the same epoch, and the same epoch of the
    /// same attempt is a repeat (from the store and from an update). True when it changed anything.
    /// </summary>
    internal bool Record(CurvePoint point)
    {
        if (curve.TryGetValue(point.Epoch, out var known) && known.Attempt >= point.Attempt) return false;
        curve[point.Epoch] = point;
        BestValidationAccuracy = curve.Values.Max(p => p.ValidationAccuracy);
        return true;
    }
}
