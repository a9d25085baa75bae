using System.Text.Json;
using NinSearch.Core.Samplers;
using NinSearch.Core.Schedulers;
using NinSearch.Spec;

namespace NinSearch.Core.Campaigns;

/// <summary>
/// The search part of a campaign (<see cref="CampaignFile.Search"/>, stored as <c>CampaignDefinition.SearchJson</c>), snake_case:
/// <code>
/// {
///   "sampler": "tpe",                     // grid | random | tpe | evolution (default tpe)
///   "scheduler": "asha",                  // fifo | median | successive_halving | asha | hyperband (default asha)
///   "scheduler_options": { "min_epochs": 1, "max_epochs": 27, "eta": 3 },   // optional, Search.Core's SchedulerOptions
///   "sampler_options": { "gamma": 0.2, "startup_trials": 8 },   // optional, Search.Core's SamplerOptions; only the chosen sampler's
///   "enqueue": [ { "blocks": 3, "lr": 0.1 } ],   // optional, configurations trained first (trials 0, 1, ...); missing values are filled
///   "warm_start_from": [ "earlier-campaign-id" ],   // optional, campaigns whose finished trials feed the sampler (same dimensions)
///   "objectives": [ { "name": "val_accuracy", "direction": "maximize" }, { "name": "macs", "direction": "minimize" } ],   // optional, see Objectives
///   "seed": 42,                           // default 0
///   "space": { ... },                     // Search.Core search-space JSON; default: the Fashion-MNIST space
///   "max_params": 2000000, "max_macs": 50000000   // optional, override the space's constraints
/// }
/// </code>
/// A JSON object with a <c>"preset"</c> member instead selects the silo's preset search (the coordination benchmark).
/// </summary>
public sealed record SearchSettings
{
    public SamplerKind Sampler { get; init; } = SamplerKind.Tpe;
    public SchedulerKind Scheduler { get; init; } = SchedulerKind.Asha;
    public SchedulerOptions? SchedulerOptions { get; init; }

    /// <summary>Options of the sampler (<see cref="SamplerOptionScope"/> says which sampler reads which); null for the defaults.</summary>
    public SamplerOptions? SamplerOptions { get; init; }

    /// <summary>
    /// Configurations to train first, in order, as trials 0, 1, ...: flat JSON objects of dimension names and values
    /// (<see cref="NinSearch.Core.Spaces.SearchSpaceJson.ReadValues"/>), possibly partial (see <see cref="EnqueuedConfiguration"/>).
    /// </summary>
    public IReadOnlyList<JsonElement>? Enqueue { get; init; }

    /// <summary>Ids of earlier campaigns over the same dimensions whose finished trials (complete or pruned) the sampler starts from.</summary>
    public IReadOnlyList<string>? WarmStartFrom { get; init; }

    /// <summary>
    /// What the search optimizes: validation accuracy (maximized) first, then any of <c>macs</c> and <c>params</c>
    /// (minimized). With two or more, TPE is MOTPE, evolution selects as NSGA-II and ASHA ranks each rung by
    /// non-dominated sorting; null or validation accuracy alone is the single-objective search.
    /// </summary>
    public IReadOnlyList<Pareto.Objective>? Objectives { get; init; }
    public long Seed { get; init; }
    public JsonElement? Space { get; init; }
    public long? MaxParams { get; init; }
    public long? MaxMacs { get; init; }

    /// <summary>
    /// The most milliseconds one image may take at batch 1 on the worker's device. Only a worker can measure it: it
    /// times each trial's freshly built network before training it, and a slower one ends Rejected without training.
    /// </summary>
    public double? MaxLatencyMs { get; init; }

    /// <summary>Parses the settings; errors name the problem. <see cref="CampaignValidator"/> checks them in full.</summary>
    public static SearchSettings Read(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<SearchSettings>(json, SpecJson.Options) ?? new SearchSettings();
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"search settings: {e.Message}", nameof(json), e);
        }
    }
}
