using System.Text.Json;
using NinSearch.Core.Simulation;
using NinSearch.Core.Spaces;

namespace NinSearch.Core.Tests.Simulation;

public sealed class RecordedProblemTests
{
    private const string Space = """{"name":"t","dimensions":[{"name":"lr","type":"float","low":0.001,"high":0.1,"log":true},{"name":"bn","type":"categorical","choices":[true,false]}]}""";

    private static CurvesTrial Trial(int number, double lr, bool bn, double[] curve, double? test = null, double? seconds = null) => new(
        number, "complete", JsonDocument.Parse($$"""{"lr":{{lr}},"bn":{{(bn ? "true" : "false")}}}""").RootElement, curve, test, seconds, 100, 200);

    private static CurvesFile File(params CurvesTrial[] trials) => new(new CurvesCampaign("c", "fashion_mnist", JsonDocument.Parse(Space).RootElement), trials);

    [Fact]
    public async Task A_curves_file_reads_back_as_it_was_written()
    {
        var written = File(Trial(0, 0.01, true, [0.5, 0.6], 0.61, 2), Trial(1, 0.1, false, [0.4]));
        var text = new StringWriter();
        await written.WriteAsync(text);

        var read = CurvesFile.Read(new StringReader(text.ToString()));

        Assert.Equal(3, text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(("c", 2), (read.Campaign.CampaignId, read.Trials.Count));
        Assert.Equal([0.5, 0.6], read.Trials[0].ValidationAccuracy);
        Assert.Equal((0.61, 2.0), (read.Trials[0].TestAccuracy, read.Trials[0].SecondsPerEpoch));
        Assert.Null(read.Trials[1].TestAccuracy);
    }

    [Fact]
    public void A_line_that_is_not_a_trial_is_refused_naming_it()
    {
        var text = $$"""{"kind":"campaign","campaign_id":"c","dataset":"d","space":{{Space}}}""" + "\n\nnot json\n";

        var error = Assert.Throws<FormatException>(() => CurvesFile.Read(new StringReader(text)));

        Assert.StartsWith("line 3: not a curves record", error.Message);
    }

    [Fact]
    public void A_suggestion_trains_as_the_nearest_recorded_trial_with_its_curve_cost_and_test_accuracy()
    {
        var problem = new RecordedProblem(File(
            Trial(0, 0.001, true, [0.3, 0.4], 0.41, 5),
            Trial(1, 0.1, true, [0.7, 0.9], 0.88, 1),
            Trial(2, 0.1, false, [0.6, 0.8]),
            Trial(3, 0.1, false, [0.6])));
        Configuration Config(double lr, bool bn) => SearchSpaceJson.ReadConfiguration(problem.Space, $$"""{"lr":{{lr}},"bn":{{(bn ? "true" : "false")}}}""");

        Assert.Equal((2, 3), (problem.MaxEpochs, problem.Count));
        Assert.Equal(0.9, problem.Observe(Config(0.05, true), 2, new DeterministicRandom(1)));
        Assert.Equal((0.88, 1.0), (problem.TrueFinal(Config(0.05, true)), problem.EpochTime(Config(0.05, true))));
        Assert.Equal(0.3, problem.Observe(Config(0.002, true), 1, new DeterministicRandom(1)));
        // No test accuracy recorded: judged by the last validation accuracy; no time recorded: one unit per epoch.
        Assert.Equal((0.8, 1.0), (problem.TrueFinal(Config(0.09, false)), problem.EpochTime(Config(0.09, false))));
        Assert.Equal(0.88, problem.OptimumFinal);
    }

    [Fact]
    public void Fewer_than_two_complete_curves_cannot_be_replayed()
    {
        var error = Assert.Throws<FormatException>(() => new RecordedProblem(File(Trial(0, 0.01, true, [0.5, 0.6]), Trial(1, 0.01, false, [0.5]))));

        Assert.Contains("1 trial(s) that trained all 2 epochs", error.Message);
    }

    [Theory]
    [InlineData(new[] { 1.0, 2, 3, 4 }, new[] { 10.0, 20, 30, 40 }, 1.0)]
    [InlineData(new[] { 1.0, 2, 3, 4 }, new[] { 4.0, 3, 2, 1 }, -1.0)]
    [InlineData(new[] { 1.0, 2, 3, 4, 5 }, new[] { 2.0, 1, 4, 3, 5 }, 0.8)]
    [InlineData(new[] { 1.0, 1, 2 }, new[] { 5.0, 6, 7 }, 0.8660254)]
    public void Spearman_is_the_correlation_of_ranks_with_ties_sharing_their_mean_rank(double[] a, double[] b, double expected) =>
        Assert.Equal(expected, RecordedProblem.Spearman(a, b), 6);

    [Fact]
    public void Every_strategy_replays_a_table_and_rungs_report_how_well_they_predict_the_final_ranking()
    {
        var simulator = new SimulatedProblem(maxEpochs: 9);
        var sampler = new NinSearch.Core.Samplers.RandomSampler(simulator.Space, 7);
        var space = JsonDocument.Parse(SearchSpaceJson.Write(simulator.Space)).RootElement;
        var trials = Enumerable.Range(1, 60).Select(id =>
        {
            var c = sampler.Suggest(id);
            return new CurvesTrial(id, "complete", JsonDocument.Parse(SearchSpaceJson.WriteConfiguration(c)).RootElement,
                [.. Enumerable.Range(1, 9).Select(e => simulator.Curve(c, e))], simulator.TrueFinal(c), simulator.EpochTime(c), 1, 1);
        }).ToList();
        var problem = new RecordedProblem(new CurvesFile(new CurvesCampaign("sim", "none", space), trials));

        var report = SearchBenchmark.Run(new SearchBenchmarkOptions { Seeds = 2, MaxParallelism = 1 }, problem: problem);

        Assert.Equal(64 * 9, report.BaselineEpochs);
        Assert.Equal(problem.OptimumFinal, report.OptimumFinal);
        Assert.All(report.Strategies, s => Assert.InRange(s.BestFinal, 0, problem.OptimumFinal));
        Assert.Equal([1, 3], report.RankCorrelations!.Select(r => r.Epoch));
        Assert.All(report.RankCorrelations!, r => Assert.InRange(r.Spearman, -1, 1));
    }
}
