using System.Text.Json;
using NinSearch.Abstractions;
using NinSearch.Spec;
using NinSearch.Store.Entities;

namespace NinSearch.Silo.Search;

/// <summary>
/// The simplest search: every trial trains the same architecture preset and recipe with its own seed, and no trial
/// is stopped early. Used for the coordination benchmark and as a fallback. Search JSON:
/// <c>{"preset": "nin-small", "epochs": 3}</c> (both optional).
/// </summary>
public sealed class PresetSearch(TrialConfig template) : ICampaignSearch
{
    /// <summary>Reads the search JSON; an empty or blank string gives nin-small with the default recipe.</summary>
    public static PresetSearch FromJson(string? json)
    {
        var preset = "nin-small";
        int? epochs = null;
        if (!string.IsNullOrWhiteSpace(json))
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.TryGetProperty("preset", out var p)) preset = p.GetString() ?? preset;
            if (root.TryGetProperty("epochs", out var e)) epochs = e.GetInt32();
        }
        var recipe = TrainingRecipe.Default;
        if (epochs is { } n) recipe = recipe with { Epochs = n };
        return new PresetSearch(new TrialConfig(Presets.Get(preset), recipe));
    }

    public Candidate Next(int trialNumber)
    {
        var config = template with { Training = template.Training with { Seed = trialNumber } };
        var analysis = NinAnalysis.Of(config.Architecture);
        return new Candidate.Accepted(config, analysis.Params, analysis.Macs);
    }

    public EpochReply OnEpoch(int trialNumber, int epoch, double validationAccuracy) => EpochReply.Continue;

    public void Tell(int trialNumber, TrialStatus status, double? bestValidationAccuracy, int epochs) { }

    public void Rebuild(SearchHistory history) { }
}
