using System.Text.Json;
using NinSearch.Abstractions;
using NinSearch.Silo.Search;
using NinSearch.Spec;
using NinSearch.Store;
using NinSearch.Store.Entities;

namespace NinSearch.Silo.Tests.Infrastructure;

/// <summary>
/// A search the tests steer through the campaign's search JSON:
/// <c>{"epochs": 3, "reject": [0, 2], "stop_at_epoch": 2, "space_size": 5}</c> (all optional); a search naming a
/// <c>"preset"</c> or a <c>"sampler"</c> goes to the silo's default factory (over the cluster's store).
/// </summary>
public sealed class TestSearchFactory(ICampaignStore store) : ICampaignSearchFactory
{
    private readonly DefaultCampaignSearchFactory _default = new(store);

    public Task<ICampaignSearch> CreateAsync(CampaignDefinition definition, CancellationToken cancellationToken = default)
    {
        if (definition.SearchJson.Contains("\"preset\"", StringComparison.Ordinal) || definition.SearchJson.Contains("\"sampler\"", StringComparison.Ordinal))
            return _default.CreateAsync(definition, cancellationToken);
        var settings = string.IsNullOrWhiteSpace(definition.SearchJson)
            ? new Settings()
            : JsonSerializer.Deserialize<Settings>(definition.SearchJson, JsonSerializerOptions.Web) ?? new Settings();
        return Task.FromResult<ICampaignSearch>(new TestSearch(settings));
    }

    public sealed record Settings(int Epochs = 3, int[]? Reject = null, int? StopAtEpoch = null, int? SpaceSize = null);

    private sealed class TestSearch(Settings settings) : ICampaignSearch
    {

        public Candidate Next(int trialNumber)
        {
            if (settings.SpaceSize is { } size && trialNumber >= size) return new Candidate.Exhausted("test space used up");
            var config = new TrialConfig(Presets.Small, TrainingRecipe.Default with { Epochs = settings.Epochs, Seed = trialNumber });
            return settings.Reject?.Contains(trialNumber) == true
                ? new Candidate.Rejected(SpecJson.Serialize(config), $"test rejects trial {trialNumber}", 1, 1)
                : new Candidate.Accepted(config, 1000 + trialNumber, 2000);
        }

        public EpochReply OnEpoch(int trialNumber, int epoch, double validationAccuracy) =>
            settings.StopAtEpoch is { } stop && epoch >= stop ? new EpochReply(EpochDecision.Stop, "test scheduler stop") : EpochReply.Continue;

        public void Tell(int trialNumber, TrialStatus status, double? bestValidationAccuracy, int epochs) { }

        public void Rebuild(SearchHistory history) { }
    }
}
