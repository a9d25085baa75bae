using NinSearch.Abstractions;
using NinSearch.Core.Samplers;
using NinSearch.Core.Spaces;
using NinSearch.Silo.Search;
using NinSearch.Silo.Tests.Infrastructure;
using NinSearch.Spec;
using NinSearch.Store.Entities;

namespace NinSearch.Silo.Tests;

/// <summary><c>search.enqueue</c> and <c>search.warm_start_from</c> through the campaign grain and the cluster's store.</summary>
[Collection(ClusterCollection.Name)]
public sealed class SearchOptionsTests(ClusterFixture fixture)
{
    private static CampaignDefinition Definition(string searchJson, int maxTrials = 3) =>
        new("test", "fashion-mnist", searchJson, new CampaignBudget(maxTrials), ResourceRequest.OneCpu);

    // A configuration of the default space that its constraints accept and that the campaign's own sampler would not draw first.
    private static Configuration Recipe()
    {
        var mapper = new ConfigurationMapper(DefaultSpaces.FashionMnist, InputShape.Gray28, 10);
        var sampler = SamplerFactory.Create(SamplerKind.Random, DefaultSpaces.FashionMnist, seed: 12345);
        for (var id = 0; ; id++)
            if (sampler.Suggest(id) is var c && mapper.Map(c).IsAccepted) return c;
    }

    // PostgreSQL keeps the values as jsonb, which reorders and respaces them: compare configurations, not text.
    private static Configuration Read(string? paramsJson) => SearchSpaceJson.ReadConfiguration(DefaultSpaces.FashionMnist, paramsJson!);

    [Fact]
    public async Task An_enqueued_configuration_is_the_first_trial_leased()
    {
        var recipe = Recipe();
        var id = Campaigns.NewId("enqueue");
        var campaign = fixture.Client.GetGrain<ICampaignGrain>(id);
        await campaign.StartAsync(Definition($$"""{"sampler": "random", "scheduler": "fifo", "seed": 1, "enqueue": [{{SearchSpaceJson.WriteConfiguration(recipe)}}]}"""));

        var first = await campaign.TryLeaseAsync("w1", Campaigns.Cpu);
        var second = await campaign.TryLeaseAsync("w1", Campaigns.Cpu);

        Assert.NotNull(first);
        Assert.NotNull(second);
        var trials = (await fixture.Store.GetTrialsAsync(id)).ToDictionary(t => t.Id);
        Assert.Equal(0, trials[first.TrialId].Number);
        Assert.Equal(recipe, Read(trials[first.TrialId].ParamsJson));
        Assert.NotEqual(recipe, Read(trials[second.TrialId].ParamsJson));
    }

    [Fact]
    public async Task Warm_start_reads_the_earlier_campaigns_finished_trials_and_a_campaign_starts_from_them()
    {
        var earlier = await RunEarlierCampaignAsync();

        var observed = await new WarmStartReader(fixture.Store).ReadAsync([earlier], DefaultSpaces.FashionMnist, CancellationToken.None);

        var rows = (await fixture.Store.GetTrialsAsync(earlier)).Where(t => t.Status == TrialStatus.Complete).OrderBy(t => t.Number).ToList();
        Assert.Equal(3, rows.Count);
        Assert.Equal(rows.Select(t => Read(t.ParamsJson)), observed.Select(o => o.Configuration));
        Assert.All(observed, o => Assert.Equal((TrialStatus.Complete, 2), (o.Outcome.State, o.Outcome.Epochs)));
        Assert.Equal([0.2, 0.3, 0.4], observed.Select(o => Math.Round(o.Outcome.Objective!.Value, 6)));
        Assert.All(observed, o => Assert.Equal(2, o.Outcome.Curve!.Count));

        var campaign = fixture.Client.GetGrain<ICampaignGrain>(Campaigns.NewId("warm"));
        var started = await campaign.StartAsync(Definition($$"""{"sampler": "tpe", "scheduler": "fifo", "warm_start_from": ["{{earlier}}"]}"""));
        Assert.Equal(CampaignStatus.Running, started.State);
        Assert.NotNull(await campaign.TryLeaseAsync("w1", Campaigns.Cpu));
    }

    [Fact]
    public async Task A_warm_started_campaign_reads_its_warm_start_again_when_reactivated()
    {
        var earlier = await RunEarlierCampaignAsync();
        // With three start-up trials and three warm-start trials TPE models from trial 0: a rebuild without them would not.
        // A seed whose first two proposals the constraints accept, so the grain leases trials 0 and 1 (no rejected trial between).
        CampaignDefinition definition;
        Candidate expected0, expected1;
        var seed = 0;
        do
        {
            definition = Definition($$"""{"sampler": "tpe", "scheduler": "fifo", "seed": {{seed++}}, "sampler_options": {"startup_trials": 3}, "warm_start_from": ["{{earlier}}"]}""");
            var expected = await new DefaultCampaignSearchFactory(fixture.Store).CreateAsync(definition);
            (expected0, expected1) = (expected.Next(0), expected.Next(1));
        }
        while (expected0 is not Candidate.Accepted || expected1 is not Candidate.Accepted);
        var id = Campaigns.NewId("warm-reactivated");
        var campaign = fixture.Client.GetGrain<ICampaignGrain>(id);
        await campaign.StartAsync(definition);
        var first = await campaign.TryLeaseAsync("w1", Campaigns.Cpu);

        await fixture.Cluster.DeactivateAsync(campaign);
        await fixture.Cluster.WaitForDeactivationAsync(campaign);
        var second = await campaign.TryLeaseAsync("w1", Campaigns.Cpu);

        var trials = (await fixture.Store.GetTrialsAsync(id)).ToDictionary(t => t.Id);
        Assert.Equal((0, 1), (trials[first!.TrialId].Number, trials[second!.TrialId].Number));
        Assert.Equal(Read(((Candidate.Accepted)expected0).ParamsJson), Read(trials[first.TrialId].ParamsJson));
        Assert.Equal(Read(((Candidate.Accepted)expected1).ParamsJson), Read(trials[second.TrialId].ParamsJson));
    }

    [Fact]
    public async Task A_warm_start_from_another_space_is_refused_naming_the_dimension()
    {
        var earlier = await RunEarlierCampaignAsync();
        var otherSpace = DefaultSpaces.FashionMnistJson.Replace("\"low\": 0.0005", "\"low\": 0.001", StringComparison.Ordinal);
        Assert.NotEqual(DefaultSpaces.FashionMnistJson, otherSpace);
        var id = Campaigns.NewId("warm-other");

        var error = await Assert.ThrowsAsync<ArgumentException>(() => fixture.Client.GetGrain<ICampaignGrain>(id)
            .StartAsync(Definition($$"""{"sampler": "tpe", "space": {{otherSpace}}, "warm_start_from": ["{{earlier}}"]}""")));

        Assert.StartsWith("search.warm_start_from[0]: ", error.Message);
        Assert.Contains("dimension 'lr' differs", error.Message);
        Assert.Null(await fixture.Store.GetCampaignAsync(id));
    }

    [Fact]
    public async Task A_warm_start_from_an_unknown_campaign_is_refused_naming_the_field()
    {
        var id = Campaigns.NewId("warm-unknown");

        var error = await Assert.ThrowsAsync<ArgumentException>(() => fixture.Client.GetGrain<ICampaignGrain>(id)
            .StartAsync(Definition("""{"sampler": "tpe", "warm_start_from": ["no-such-campaign"]}""")));

        Assert.StartsWith("search.warm_start_from[0]: there is no campaign 'no-such-campaign'", error.Message);
        Assert.Null(await fixture.Store.GetCampaignAsync(id));
    }

    // Three trials of the default space, each reporting two epochs and completing; the k-th ends at 0.2 + 0.1·k.
    private async Task<string> RunEarlierCampaignAsync()
    {
        var id = Campaigns.NewId("earlier");
        var campaign = fixture.Client.GetGrain<ICampaignGrain>(id);
        await campaign.StartAsync(Definition("""{"sampler": "random", "scheduler": "fifo", "seed": 3}"""));
        for (var k = 0; k < 3; k++)
        {
            var lease = await campaign.TryLeaseAsync("w1", Campaigns.Cpu) ?? throw new InvalidOperationException($"campaign {id}: no lease for trial {k}");
            await campaign.ReportEpochAsync(lease.LeaseId, Campaigns.Epoch(1, 0.1));
            await campaign.ReportEpochAsync(lease.LeaseId, Campaigns.Epoch(2, 0.2 + 0.1 * k));
            Assert.True(await campaign.CompleteAsync(lease.LeaseId, new TrialResult(TrialStatus.Complete, 2, null, null)));
        }
        return id;
    }
}
