using NinSearch.Abstractions;
using NinSearch.Silo.Search;
using NinSearch.Spec;
using NinSearch.Store.Entities;

namespace NinSearch.Silo.Tests;

/// <summary>The default search factory over Search.Core (no cluster needed).</summary>
public sealed class CampaignSearchTests
{
    private static CampaignDefinition Definition(string searchJson) =>
        new("t", "fashion-mnist", searchJson, new CampaignBudget(10), ResourceRequest.OneCpu);

    [Theory]
    [InlineData("random", "asha")]
    [InlineData("tpe", "asha")]
    [InlineData("evolution", "hyperband")]
    public async Task A_core_search_rebuilt_from_the_stored_rows_continues_as_the_original(string sampler, string scheduler)
    {
        var factory = new DefaultCampaignSearchFactory();
        var definition = Definition($$"""{"sampler": "{{sampler}}", "scheduler": "{{scheduler}}", "scheduler_options": {"max_epochs": 9}, "seed": 7}""");
        var search = await factory.CreateAsync(definition);
        var trials = new List<PastTrial>();
        var epochs = new List<PastEpoch>();
        var clock = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        DateTimeOffset Tick() => clock = clock.AddSeconds(1);
        // Twelve trials, three running at a time, reporting in turn; the scheduler stops some, the rest finish at 9.
        var running = new Dictionary<int, int>();
        var values = new Dictionary<int, string>();
        var best = new Dictionary<int, double>();
        for (var n = 0; n < 12 || running.Count > 0;)
        {
            while (running.Count < 3 && n < 12)
            {
                switch (search.Next(n))
                {
                    case Candidate.Accepted accepted:
                        values[n] = accepted.ParamsJson!;
                        running[n] = 0;
                        break;
                    case Candidate.Rejected rejected:
                        search.Tell(n, TrialStatus.Rejected, null, 0);
                        trials.Add(new PastTrial(n, TrialStatus.Rejected, rejected.ParamsJson, null, 0, Tick()));
                        break;
                }
                n++;
            }
            foreach (var (number, done) in running.ToList())
            {
                var epoch = done + 1;
                var accuracy = 0.5 + ((number * 7) % 11) / 40.0 + epoch / 100.0;
                epochs.Add(new PastEpoch(number, epoch, accuracy, Tick()));
                best[number] = Math.Max(best.GetValueOrDefault(number), accuracy);
                var reply = search.OnEpoch(number, epoch, accuracy);
                running[number] = epoch;
                if (reply.Decision == EpochDecision.Stop || epoch == 9)
                {
                    var status = epoch == 9 ? TrialStatus.Complete : TrialStatus.Pruned;
                    search.Tell(number, status, best[number], epoch);
                    trials.Add(new PastTrial(number, status, values[number], best[number], epoch, Tick()));
                    running.Remove(number);
                }
            }
            if (n == 10) break; // leave two trials running, as a crash would
        }
        foreach (var (number, done) in running)
            trials.Add(new PastTrial(number, TrialStatus.Running, values[number], best[number], done, null));

        var rebuilt = await factory.CreateAsync(definition);
        rebuilt.Rebuild(new SearchHistory([.. trials.OrderBy(t => t.Number)], epochs));

        // The next suggestion and the scheduler's next decisions are the same as the uninterrupted search's.
        Assert.Equal(Values(search.Next(12)), Values(rebuilt.Next(12)));
        Assert.Equal(Values(search.Next(13)), Values(rebuilt.Next(13)));
        foreach (var (number, done) in running)
            Assert.Equal(search.OnEpoch(number, done + 1, 0.61), rebuilt.OnEpoch(number, done + 1, 0.61));
    }

    private static string? Values(Candidate candidate) => candidate switch
    {
        Candidate.Accepted a => a.ParamsJson,
        Candidate.Rejected r => r.ParamsJson,
        _ => null,
    };

    [Fact]
    public async Task Candidates_over_the_parameter_limit_are_rejected_with_a_typed_reason()
    {
        var search = await new DefaultCampaignSearchFactory().CreateAsync(Definition("""{"sampler": "random", "max_params": 1000}"""));
        var rejected = Assert.IsType<Candidate.Rejected>(search.Next(0));
        Assert.StartsWith("TooManyParams", rejected.Reason);
    }

    [Fact]
    public async Task A_declared_image_folder_shape_sizes_the_candidates_and_their_counts()
    {
        var folder = new CampaignDefinition("t", "image_folder", """{"sampler": "random", "seed": 3, "max_params": 1000000000, "max_macs": 1000000000000}""", new CampaignBudget(1), ResourceRequest.OneCpu);
        var undeclared = Assert.IsType<Candidate.Accepted>((await new DefaultCampaignSearchFactory().CreateAsync(folder)).Next(0));
        var declared = Assert.IsType<Candidate.Accepted>((await new DefaultCampaignSearchFactory()
            .CreateAsync(folder with { DatasetShape = new DatasetShape(3, 20, 20, 3) })).Next(0));

        Assert.Equal((new InputShape(1, 28, 28), 10), (undeclared.Config.Architecture.Input, undeclared.Config.Architecture.Classes));
        Assert.Equal((new InputShape(3, 20, 20), 3), (declared.Config.Architecture.Input, declared.Config.Architecture.Classes));
        // Same sampled architecture, other input: the MACs the constraints see follow the declared images.
        Assert.Equal(undeclared.ParamsJson, declared.ParamsJson);
        Assert.NotEqual(undeclared.Macs, declared.Macs);
        Assert.Null(folder.KnownDatasetShape());
        Assert.Equal(new DatasetShape(3, 32, 32, 10), (folder with { Dataset = "cifar10" }).KnownDatasetShape());
    }

    [Fact]
    public async Task A_preset_search_trains_the_preset_with_one_seed_per_trial()
    {
        var search = await new DefaultCampaignSearchFactory().CreateAsync(Definition("""{"preset": "nin-small", "epochs": 3}"""));
        var first = Assert.IsType<Candidate.Accepted>(search.Next(0));
        var second = Assert.IsType<Candidate.Accepted>(search.Next(1));
        Assert.Equal((3, 0L, 1L), (first.Config.Training.Epochs, first.Config.Training.Seed, second.Config.Training.Seed));
    }

    [Fact]
    public async Task Unknown_search_settings_are_refused_by_name()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            new DefaultCampaignSearchFactory().CreateAsync(Definition("""{"samplr": "tpe"}""")));
        Assert.Contains("samplr", error.Message);
    }
}
