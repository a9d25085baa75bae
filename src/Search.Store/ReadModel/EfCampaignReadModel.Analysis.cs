using Microsoft.EntityFrameworkCore;
using NinSearch.Core.Analysis;
using NinSearch.Core.Pareto;
using NinSearch.Core.Spaces;
using NinSearch.Spec;

namespace NinSearch.Store.ReadModel;

public sealed partial class EfCampaignReadModel
{
    /// <summary>The method <see cref="ImportanceView.Method"/> names.</summary>
    internal const string ImportanceMethod = "fanova";

    /// <inheritdoc />
    public async Task<ParetoView?> GetParetoAsync(string campaignId, CancellationToken cancellationToken = default)
    {
        await using var db = await OpenAsync(cancellationToken);
        var points = await TrialsOf(db, campaignId)
            .Where(t => t.BestValAccuracy != null)
            .OrderBy(t => t.Number)
            .Select(t => new { t.Number, Accuracy = t.BestValAccuracy!.Value, t.Macs, t.Params })
            .ToListAsync(cancellationToken);
        if (points.Count == 0 && !await CampaignExistsAsync(db, campaignId, cancellationToken))
        {
            return null;
        }

        var onFront = ParetoFront.OnFront([.. points.Select(p => new ParetoPoint(p.Number, p.Accuracy, p.Macs))]);
        return new ParetoView([.. points.Select((p, i) => new ParetoEntry(p.Number, p.Accuracy, p.Macs, p.Params, onFront[i]))]);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Uses the trials that ended Complete or Pruned with a validation accuracy and the sampler's values, with the best
    /// validation accuracy as objective, in the campaign's space (the default Fashion-MNIST space when it names none;
    /// a preset search has no parameters). A trial whose values are not a point of the space (e.g. from an edited
    /// space) is left out. fANOVA takes about a second for 300 trials, so the view is cached per campaign until 5% more
    /// trials finished (every new one under 40; see ImportanceCache).
    /// </remarks>
    public async Task<ImportanceView?> GetImportanceAsync(string campaignId, CancellationToken cancellationToken = default)
    {
        await using var db = await OpenAsync(cancellationToken);
        var spec = await db.Campaigns.AsNoTracking()
            .Where(c => c.Id == campaignId)
            .Select(c => c.SpecJson)
            .FirstOrDefaultAsync(cancellationToken);
        if (spec is null)
        {
            return null;
        }

        var finished = TrialsOf(db, campaignId).Where(t =>
            (t.Status == TrialStatus.Complete || t.Status == TrialStatus.Pruned) && t.BestValAccuracy != null && t.ParamsJson != null);
        var count = await finished.CountAsync(cancellationToken);
        if (_importance.Get(campaignId, count) is { } cached)
        {
            return cached;
        }

        var definition = StoredCampaignDefinition.Read(spec);
        ImportanceView view;
        if (definition.IsPreset)
        {
            view = new ImportanceView(ImportanceMethod, 0, []);
        }
        else
        {
            var rows = await finished
                .OrderBy(t => t.Number)
                .Select(t => new { Accuracy = t.BestValAccuracy!.Value, ParamsJson = t.ParamsJson! })
                .ToListAsync(cancellationToken);
            var space = definition.SpaceJson is { } json ? SearchSpaceJson.Read(json) : DefaultSpaces.FashionMnist;
            var trials = rows.Select(r => TryReadTrial(space, r.ParamsJson, r.Accuracy)).OfType<ImportanceTrial>().ToList();
            var importance = FanovaImportance.Evaluate(space, trials);
            view = new ImportanceView(ImportanceMethod, trials.Count, [.. importance.Select(p => new ParameterImportanceEntry(p.Parameter, p.Importance))]);
        }

        _importance.Set(campaignId, count, view);
        return view;
    }

    private static ImportanceTrial? TryReadTrial(SearchSpace space, string paramsJson, double accuracy)
    {
        try
        {
            return ImportanceTrial.Of(SearchSpaceJson.ReadConfiguration(space, paramsJson), accuracy);
        }
        catch (SearchSpaceException)
        {
            return null;
        }
    }
}
