using System.Text.Json;
using NinSearch.Core.Campaigns;
using NinSearch.Core.Samplers;
using NinSearch.Core.Spaces;
using NinSearch.Silo.Coordination;
using NinSearch.Spec;
using NinSearch.Store;
using NinSearch.Store.Entities;

namespace NinSearch.Silo.Search;

/// <summary>
/// Reads the finished trials of the campaigns named in <c>search.warm_start_from</c>, for
/// <see cref="ISampler.WarmStart"/>: every complete or pruned trial with its configuration, its last validation
/// accuracy and, when every epoch was recorded, its learning curve (TPE ranks trials at a common epoch). Trials come
/// in the order they ended, campaign by campaign. Nothing is copied into the new campaign: it is read again when the
/// campaign's grain is reactivated, as its own trials are.
/// </summary>
public sealed class WarmStartReader(ICampaignStore store)
{
    /// <summary>
    /// The trials, for a search over <paramref name="space"/>. Throws <see cref="ArgumentException"/>, its message
    /// starting with the field's path (<c>search.warm_start_from[1]: …</c>), for an unknown campaign, a preset one, or
    /// one whose space has other dimensions (the message says which).
    /// </summary>
    public async Task<IReadOnlyList<ObservedTrial>> ReadAsync(IReadOnlyList<string> campaignIds, SearchSpace space, CancellationToken cancellationToken,
        IReadOnlyList<NinSearch.Core.Pareto.Objective>? objectives = null)
    {
        ArgumentNullException.ThrowIfNull(campaignIds);
        ArgumentNullException.ThrowIfNull(space);
        var observed = new List<ObservedTrial>();
        for (var i = 0; i < campaignIds.Count; i++)
        {
            var id = campaignIds[i];
            var field = $"search.warm_start_from[{i}]";
            var campaign = await store.GetCampaignAsync(id, cancellationToken)
                ?? throw new ArgumentException($"{field}: there is no campaign '{id}'");
            var earlier = SpaceOf(CampaignDefinitionJson.Read(campaign.SpecJson).SearchJson)
                ?? throw new ArgumentException($"{field}: campaign '{id}' trains a preset; it has no search space to start from");
            if (SpaceDifference.Describe(space, earlier) is { } difference)
                throw new ArgumentException($"{field}: campaign '{id}' searched another space: {difference}");
            observed.AddRange(await FinishedTrialsAsync(id, space, objectives, cancellationToken));
        }
        return observed;
    }

    private async Task<IEnumerable<ObservedTrial>> FinishedTrialsAsync(string campaignId, SearchSpace space,
        IReadOnlyList<NinSearch.Core.Pareto.Objective>? objectives, CancellationToken cancellationToken)
    {
        var trials = (await store.GetTrialsAsync(campaignId, cancellationToken: cancellationToken))
            .Where(t => t.Status is TrialStatus.Complete or TrialStatus.Pruned && t.ParamsJson is not null && t.BestValAccuracy is not null)
            .OrderBy(t => t.EndedAt).ThenBy(t => t.Number)
            .ToList();
        if (trials.Count == 0) return [];
        var curves = (await store.GetCampaignEpochsAsync(campaignId, cancellationToken))
            .GroupBy(e => e.TrialId)
            .ToDictionary(g => g.Key, Curve);
        return trials.Select(t =>
        {
            var epochs = t.LastEpoch ?? 0;
            var curve = curves.GetValueOrDefault(t.Id) is { } c && c.Count == epochs && epochs > 0 ? c : null;
            // As the campaign's own trials are told (CoreCampaignSearch.Tell): the last epoch's value with the curve, else the best.
            var objective = curve?[^1] ?? t.BestValAccuracy!.Value;
            var outcome = objectives is { Count: > 1 }
                ? t.Status == TrialStatus.Complete
                    ? TrialOutcome.Complete(ObjectiveValues.Of(objectives, objective, t.Params, t.Macs), epochs)
                    : TrialOutcome.Pruned(ObjectiveValues.Of(objectives, objective, t.Params, t.Macs), epochs)
                : t.Status == TrialStatus.Complete ? TrialOutcome.Complete(objective, epochs) : TrialOutcome.Pruned(objective, epochs);
            return new ObservedTrial(SearchSpaceJson.ReadConfiguration(space, t.ParamsJson!), outcome with { Curve = curve });
        });
    }

    // The validation accuracy after each epoch from 1 (a re-reported epoch's latest value), or null when one is missing.
    private static IReadOnlyList<double>? Curve(IEnumerable<EpochMetric> epochs)
    {
        var byEpoch = epochs.GroupBy(e => e.Epoch).ToDictionary(g => g.Key, g => g.MaxBy(e => e.ReportedAt)!.ValAccuracy);
        var curve = new List<double>(byEpoch.Count);
        for (var epoch = 1; byEpoch.TryGetValue(epoch, out var value); epoch++) curve.Add(value);
        return curve.Count == byEpoch.Count ? curve : null;
    }

    // The space of an earlier campaign's search JSON, or null for a preset search.
    private static SearchSpace? SpaceOf(string searchJson)
    {
        var json = string.IsNullOrWhiteSpace(searchJson) ? "{}" : searchJson;
        using (var document = JsonDocument.Parse(json))
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("preset", out _)) return null;
        return CoreCampaignSearch.SpaceOf(SearchSettings.Read(json));
    }
}
