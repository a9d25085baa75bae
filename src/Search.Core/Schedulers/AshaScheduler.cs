using System.Text.Json;
using NinSearch.Spec;

namespace NinSearch.Core.Schedulers;

/// <summary>
/// ASHA (Li et al. 2020), the asynchronous stopping variant used by pull-based workers: rungs at
/// r_min·η^k epochs below R (<see cref="SchedulerOptions.MinEpochs"/>, <see cref="SchedulerOptions.Eta"/>,
/// <see cref="SchedulerOptions.MaxEpochs"/>). A trial reporting at a rung is answered
/// <see cref="EpochDecision.Promote"/> when it is in the top 1/η of the values recorded at that rung so far
/// (its own included, at least the best one), and keeps training to the next rung; otherwise
/// <see cref="EpochDecision.Stop"/>. Between rungs, and from the last rung to R, the answer is Continue.
/// Example with r_min 1, η 3, R 9 (rungs 1 and 3): at rung 1 the values 0.5, 0.6, 0.4 get Promote, Promote, Stop.
/// <para>With several <see cref="SchedulerBase.Objectives"/> (reported with
/// <see cref="IScheduler.OnReport(long, int, IReadOnlyList{double})"/>), "top 1/η" is in NSGA-II's order of the rung's
/// reports: non-dominated rank, then crowding distance. A cheap trial that no other beats in both accuracy and MACs
/// is promoted over a more accurate one that a third trial dominates.</para>
/// </summary>
public sealed class AshaScheduler : SchedulerBase
{
    private AshaBracket _bracket;

    /// <summary>An ASHA; with two or more <paramref name="objectives"/> its rungs rank by non-dominated sorting.</summary>
    public AshaScheduler(SchedulerOptions? options = null, IReadOnlyList<Pareto.Objective>? objectives = null) : base(options, objectives) =>
        _bracket = AshaBracket.Create(Options.MinEpochs, Options.MaxEpochs, Options.Eta);

    public override SchedulerKind Kind => SchedulerKind.Asha;

    /// <summary>The rung milestones in epochs.</summary>
    public IReadOnlyList<int> Rungs => _bracket.Rungs;

    private protected override EpochDecision Decide(long trialId, int arrival, int epoch, double metric) =>
        _bracket.Report(trialId, epoch, metric);

    private protected override EpochDecision Decide(long trialId, int arrival, int epoch, double metric, IReadOnlyList<double> objectives) =>
        Objectives is { } all ? _bracket.Report(trialId, epoch, Pareto.Objective.Orient(all, objectives)) : _bracket.Report(trialId, epoch, metric);

    private protected override void CheckReport(IReadOnlyList<double>? objectives)
    {
        if (Objectives is not { } all) return;
        if (objectives is null) throw new InvalidOperationException($"this ASHA ranks by {all.Count} objectives: report all of them");
        if (objectives.Count != all.Count) throw new ArgumentException($"{objectives.Count} objective values for {all.Count} objectives", nameof(objectives));
    }

    private protected override object? SaveExtra() => _bracket;

    private protected override void RestoreExtra(JsonElement? extra) =>
        _bracket = extra?.Deserialize<AshaBracket>(StateJson.Options) ?? throw new ArgumentException("the ASHA state has no rungs");
}
