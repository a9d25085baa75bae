using NinSearch.Abstractions;
using NinSearch.Core.Campaigns;
using NinSearch.Core.Samplers;
using NinSearch.Core.Spaces;
using NinSearch.Silo.Search;
using NinSearch.Spec;

namespace NinSearch.Silo.Tests;

/// <summary>Sampler options, enqueued trials and warm starts in the Search.Core campaign search (no cluster needed).</summary>
public sealed class CoreSearchOptionsTests
{
    private static CampaignDefinition Definition(string searchJson) =>
        new("t", "fashion-mnist", searchJson, new CampaignBudget(20), ResourceRequest.OneCpu);

    private static string? Values(Candidate candidate) => candidate switch
    {
        Candidate.Accepted a => a.ParamsJson,
        Candidate.Rejected r => r.ParamsJson,
        _ => null,
    };

    // Trials 0..n-1 proposed, run one epoch and completed with a made-up accuracy; returns what the store would hold.
    private static List<PastTrial> Run(ICampaignSearch search, int n)
    {
        var trials = new List<PastTrial>();
        var at = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < n; i++)
        {
            var candidate = search.Next(i);
            var accuracy = 0.5 + (i * 7 % 11) / 40.0;
            var status = candidate is Candidate.Accepted ? TrialStatus.Complete : TrialStatus.Rejected;
            search.Tell(i, status, status == TrialStatus.Complete ? accuracy : null, status == TrialStatus.Complete ? 1 : 0);
            trials.Add(new PastTrial(i, status, Values(candidate), status == TrialStatus.Complete ? accuracy : null, status == TrialStatus.Complete ? 1 : 0, at.AddSeconds(i)));
        }
        return trials;
    }

    [Fact]
    public async Task Sampler_options_reach_the_sampler_and_the_one_rebuilt_on_reactivation()
    {
        var factory = new DefaultCampaignSearchFactory();
        var tuned = Definition("""{"sampler": "tpe", "scheduler": "fifo", "seed": 5, "sampler_options": {"startup_trials": 3, "gamma": 0.3}}""");
        var defaults = Definition("""{"sampler": "tpe", "scheduler": "fifo", "seed": 5}""");
        var search = await factory.CreateAsync(tuned);
        var cold = await factory.CreateAsync(defaults);
        var history = Run(search, 4);
        Run(cold, 4);

        var rebuilt = await factory.CreateAsync(tuned);
        rebuilt.Rebuild(new SearchHistory(history, []));

        // With three start-up trials TPE models from trial 3 on; with the default ten it still draws start-up points.
        var next = Values(search.Next(4));
        Assert.NotEqual(Values(cold.Next(4)), next);
        Assert.Equal(next, Values(rebuilt.Next(4)));
    }

    [Fact]
    public async Task Invalid_sampler_options_are_refused_by_the_silo_too()
    {
        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            new DefaultCampaignSearchFactory().CreateAsync(Definition("""{"sampler": "tpe", "sampler_options": {"gamma": 5}}""")));
        Assert.Equal(nameof(SamplerOptions.Gamma), error.ParamName);
    }

    [Fact]
    public async Task Enqueued_configurations_come_first_in_order_and_survive_a_rebuild()
    {
        var factory = new DefaultCampaignSearchFactory();
        var definition = Definition("""{"sampler": "random", "scheduler": "fifo", "seed": 2, "enqueue": [{"blocks": 4, "lr": 0.1}, {"blocks": 2}]}""");
        var search = await factory.CreateAsync(definition);

        var history = Run(search, 3);

        var first = SearchSpaceJson.ReadConfiguration(DefaultSpaces.FashionMnist, history[0].ParamsJson!);
        var second = SearchSpaceJson.ReadConfiguration(DefaultSpaces.FashionMnist, history[1].ParamsJson!);
        Assert.Equal((4L, 0.1), (first.GetInt("blocks"), first.GetDouble("lr")));
        Assert.Equal(2L, second.GetInt("blocks"));
        // The fill is the one the validator checked: the same seed and trial number give the same configuration.
        var expected = EnqueuedConfiguration.Complete(DefaultSpaces.FashionMnist,
            new Dictionary<string, ParamValue> { ["blocks"] = ParamValue.OfInt(4), ["lr"] = ParamValue.OfFloat(0.1) }, seed: 2, trialId: 0);
        Assert.Equal(expected, first);

        var rebuilt = await factory.CreateAsync(definition);
        rebuilt.Rebuild(new SearchHistory(history, []));
        Assert.Equal(Values(search.Next(3)), Values(rebuilt.Next(3)));
    }

    [Fact]
    public void Warm_start_trials_feed_the_sampler_so_tpe_skips_its_start_up_phase()
    {
        var settings = SearchSettings.Read("""{"sampler": "tpe", "scheduler": "fifo", "seed": 11}""");
        var earlier = SamplerFactory.Create(SamplerKind.Random, DefaultSpaces.FashionMnist, seed: 99);
        var warm = Enumerable.Range(0, 12)
            .Select(i => new ObservedTrial(earlier.Suggest(i), TrialOutcome.Complete(0.5 + i / 100.0, 1)))
            .ToList();

        var cold = CoreCampaignSearch.Create(settings, "fashion-mnist");
        var warmed = CoreCampaignSearch.Create(settings, "fashion-mnist", warmStart: warm);
        var rebuilt = CoreCampaignSearch.Create(settings, "fashion-mnist", warmStart: warm);
        rebuilt.Rebuild(SearchHistory.Empty);

        // Cold, trial 0 is the first scrambled-Halton start-up point; warm, twelve scored trials put TPE's model to work at once.
        var first = Values(warmed.Next(0));
        Assert.NotEqual(Values(cold.Next(0)), first);
        Assert.Equal(first, Values(rebuilt.Next(0)));
    }
}
