using NinSearch.Core.Campaigns;
using NinSearch.Core.Pareto;
using NinSearch.Core.Samplers;
using NinSearch.Core.Schedulers;
using NinSearch.Core.Spaces;
using NinSearch.Silo.Search;
using NinSearch.Spec;

namespace NinSearch.Silo.Tests;

/// <summary>
/// A campaign's objectives (search.objectives) in the Search.Core campaign search: with accuracy and MACs, every report
/// and outcome carries the trial's MACs as the mapper counted them, also in a search rebuilt from the trial rows.
/// </summary>
public sealed class CampaignObjectivesTests
{
    private static readonly Objective[] AccuracyAndMacs = [Objective.ValAccuracy, Objective.Macs];

    [Fact]
    public void Each_report_carries_the_trials_macs_beside_its_accuracy_and_so_does_a_rebuilt_search()
    {
        var scheduler = new RecordingScheduler();
        var search = Search(scheduler, AccuracyAndMacs);
        var accepted = Enumerable.Range(0, 20).Select(i => (Number: i, Candidate: search.Next(i))).Where(c => c.Candidate is Candidate.Accepted).Take(2).ToList();
        Assert.Equal(2, accepted.Count);
        var (first, second) = (accepted[0], accepted[1]);
        var firstMacs = ((Candidate.Accepted)first.Candidate).Macs;

        search.OnEpoch(first.Number, 1, 0.8);
        search.OnEpoch(second.Number, 1, 0.7);

        Assert.Equal([0.8, firstMacs], scheduler.Reports[(first.Number, 1)]);
        Assert.Equal([0.7, ((Candidate.Accepted)second.Candidate).Macs], scheduler.Reports[(second.Number, 1)]);

        // Reactivated: the costs come from the stored rows, not from a draw this activation made.
        var rebuiltScheduler = new RecordingScheduler();
        var rebuilt = Search(rebuiltScheduler, AccuracyAndMacs);
        var at = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        rebuilt.Rebuild(new SearchHistory(
            [new PastTrial(first.Number, TrialStatus.Running, ((Candidate.Accepted)first.Candidate).ParamsJson, null, 0, null) { Params = 1, Macs = firstMacs }],
            [new PastEpoch(first.Number, 1, 0.8, at)]));
        Assert.Equal([0.8, firstMacs], rebuiltScheduler.Reports[(first.Number, 1)]);
    }

    [Fact]
    public void One_objective_reports_the_accuracy_alone_as_before()
    {
        var scheduler = new RecordingScheduler();
        var search = Search(scheduler, [Objective.ValAccuracy]);
        var number = Enumerable.Range(0, 20).First(i => search.Next(i) is Candidate.Accepted);

        search.OnEpoch(number, 1, 0.8);

        Assert.Equal([0.8], scheduler.Reports[(number, 1)]);
        Assert.False(scheduler.SawVectors);
    }

    [Fact]
    public void A_campaign_files_objectives_build_a_multi_objective_search()
    {
        var settings = SearchSettings.Read("""{"sampler": "tpe", "scheduler": "asha", "objectives": [{"name": "val_accuracy", "direction": "maximize"}, {"name": "macs", "direction": "minimize"}]}""");
        Assert.Equal(AccuracyAndMacs, settings.Objectives);

        var search = CoreCampaignSearch.Create(settings, "fashion_mnist");
        // Trials told with their MACs: a multi-objective sampler and ASHA take them (a single-value report would be refused).
        for (var i = 0; i < 12; i++)
        {
            if (search.Next(i) is not Candidate.Accepted) { search.Tell(i, TrialStatus.Rejected, null, 0); continue; }
            search.OnEpoch(i, 1, 0.5 + i / 100.0);
            search.Tell(i, TrialStatus.Complete, 0.5 + i / 100.0, 1);
        }
        Assert.IsNotType<Candidate.Exhausted>(search.Next(12));
    }

    private static CoreCampaignSearch Search(IScheduler scheduler, IReadOnlyList<Objective> objectives)
    {
        var space = DefaultSpaces.FashionMnist;
        var mapper = new ConfigurationMapper(space, new InputShape(1, 28, 28), 10);
        return new CoreCampaignSearch(SamplerFactory.Create(SamplerKind.Random, space, 3), scheduler, mapper, 3, objectives: objectives);
    }

    private sealed class RecordingScheduler : IScheduler
    {
        public Dictionary<(long Trial, int Epoch), double[]> Reports { get; } = [];
        public bool SawVectors { get; private set; }
        public SchedulerKind Kind => SchedulerKind.Fifo;

        public EpochDecision OnReport(long trialId, int epoch, double metric)
        {
            Reports[(trialId, epoch)] = [metric];
            return EpochDecision.Continue;
        }

        public EpochDecision OnReport(long trialId, int epoch, IReadOnlyList<double> objectives)
        {
            SawVectors = true;
            Reports[(trialId, epoch)] = [.. objectives];
            return EpochDecision.Continue;
        }

        public void OnComplete(long trialId) { }
        public string SaveState() => "{}";
        public void RestoreState(string json) { }
    }
}
