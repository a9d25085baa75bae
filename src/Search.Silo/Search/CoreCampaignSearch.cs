using NinSearch.Abstractions;
using NinSearch.Core.Campaigns;
using NinSearch.Core.Pareto;
using NinSearch.Core.Samplers;
using NinSearch.Core.Schedulers;
using NinSearch.Core.Spaces;
using NinSearch.Spec;

namespace NinSearch.Silo.Search;

/// <summary>
/// A campaign search made of Search.Core parts: a sampler proposes configurations, the mapper turns them into trial
/// configs or typed rejections (constraints), and a scheduler stops weak trials early. Trial numbers are the
/// sampler's and scheduler's trial ids. The first trials train the <paramref name="enqueued"/> configurations in order
/// (registered with the sampler as if it had suggested them); the sampler proposes the rest. With several
/// <paramref name="objectives"/>, reports and outcomes carry every objective: the accuracy from the worker, the costs
/// (MACs, parameters) of the trial's configuration as the mapper counted them.
/// </summary>
public sealed class CoreCampaignSearch(ISampler sampler, IScheduler scheduler, ConfigurationMapper mapper, long seed,
    IReadOnlyList<Configuration>? enqueued = null, IReadOnlyList<Objective>? objectives = null) : ICampaignSearch
{
    private readonly IReadOnlyList<Configuration> _enqueued = enqueued ?? [];
    private readonly IReadOnlyList<Objective>? _objectives = objectives is { Count: > 1 } ? objectives : null;

    // Each trial's analytic costs, for the objectives after the first: recorded when drawn, or from the trial rows on a rebuild.
    private readonly Dictionary<int, (long Params, long Macs)> _costs = [];

    // Learning curves of running trials, epoch by epoch, for the sampler (TPE compares trials at a common epoch).
    // Rebuilt from the epoch rows on activation; a curve with a gap is not told.
    private readonly Dictionary<int, List<double>> _curves = [];

    public Candidate Next(int trialNumber)
    {
        Configuration configuration;
        try
        {
            if (trialNumber < _enqueued.Count)
            {
                configuration = _enqueued[trialNumber];
                sampler.Register(trialNumber, configuration);
                // Counted as a rebuilt sampler counts it (every stored trial as if suggested), so a reactivated search
                // continues the start-up sequence where this one does.
                sampler.Resynchronize();
            }
            else configuration = sampler.Suggest(trialNumber);
        }
        catch (SamplerExhaustedException e)
        {
            return new Candidate.Exhausted(e.Message);
        }
        var mapped = mapper.Map(configuration, seed + trialNumber);
        var values = SearchSpaceJson.WriteConfiguration(configuration);
        if (_objectives is not null) lock (_costs) _costs[trialNumber] = (mapped.Params, mapped.Macs);
        if (mapped.Trial is { } config) return new Candidate.Accepted(config, mapped.Params, mapped.Macs, values);
        return new Candidate.Rejected(values, mapped.Rejection!.ToString(), mapped.Params, mapped.Macs, values);
    }

    public EpochReply OnEpoch(int trialNumber, int epoch, double validationAccuracy)
    {
        var curve = _curves.TryGetValue(trialNumber, out var known) ? known : _curves[trialNumber] = [];
        // Only a gap-free curve from epoch 1 is kept; a resumed trial's re-reported epochs are never recorded twice.
        if (curve.Count == epoch - 1) curve.Add(validationAccuracy);
        var decision = _objectives is null
            ? scheduler.OnReport(trialNumber, epoch, validationAccuracy)
            : scheduler.OnReport(trialNumber, epoch, Values(trialNumber, validationAccuracy));
        return decision switch
        {
            EpochDecision.Stop => new EpochReply(EpochDecision.Stop, $"{scheduler.Kind} stopped it at epoch {epoch}"),
            EpochDecision.Promote => new EpochReply(EpochDecision.Promote, $"{scheduler.Kind} promoted it at epoch {epoch}"),
            _ => EpochReply.Continue,
        };
    }

    public void Tell(int trialNumber, TrialStatus status, double? bestValidationAccuracy, int epochs)
    {
        // As ISampler asks: the objective is the metric at the last epoch, with the whole curve, when this activation
        // saw every epoch; otherwise (reactivated mid-trial) the best recorded value, without a curve.
        IReadOnlyList<double>? curve = _curves.Remove(trialNumber, out var seen) && seen.Count == epochs && epochs > 0 ? seen : null;
        var outcome = status switch
        {
            TrialStatus.Complete when bestValidationAccuracy is { } best && _objectives is not null =>
                TrialOutcome.Complete(Values(trialNumber, curve?[^1] ?? best), epochs) with { Curve = curve },
            TrialStatus.Pruned when bestValidationAccuracy is { } best && _objectives is not null =>
                TrialOutcome.Pruned(Values(trialNumber, curve?[^1] ?? best), epochs) with { Curve = curve },
            TrialStatus.Complete when bestValidationAccuracy is { } best => TrialOutcome.Complete(curve?[^1] ?? best, epochs) with { Curve = curve },
            TrialStatus.Pruned when bestValidationAccuracy is { } best => TrialOutcome.Pruned(curve?[^1] ?? best, epochs) with { Curve = curve },
            TrialStatus.Rejected => TrialOutcome.Rejected(),
            _ => TrialOutcome.Failed(epochs),
        };
        sampler.Tell(trialNumber, outcome);
        if (status != TrialStatus.Rejected) scheduler.OnComplete(trialNumber);
    }

    public void Rebuild(SearchHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        if (_objectives is not null)
            lock (_costs)
                foreach (var trial in history.Trials)
                    if (trial.Params is { } parameters && trial.Macs is { } macs) _costs[trial.Number] = (parameters, macs);
        foreach (var trial in history.Trials)
            if (trial.ParamsJson is { } values) sampler.Register(trial.Number, SearchSpaceJson.ReadConfiguration(sampler.Space, values));
        sampler.Resynchronize();

        // The scheduler and the sampler's outcomes follow the order things happened: each epoch when recorded, each
        // ending when it ended (an ending at the same instant as an epoch comes after it).
        var known = history.Trials.Where(t => t.ParamsJson is not null).Select(t => t.Number).ToHashSet();
        var endings = history.Trials.Where(t => t.EndedAt is not null && known.Contains(t.Number)).OrderBy(t => t.EndedAt).ToList();
        var next = 0;
        foreach (var epoch in history.Epochs)
        {
            for (; next < endings.Count && endings[next].EndedAt < epoch.At; next++) End(endings[next]);
            if (known.Contains(epoch.Number)) OnEpoch(epoch.Number, epoch.Epoch, epoch.ValidationAccuracy);
        }
        for (; next < endings.Count; next++) End(endings[next]);
    }

    // Every objective's value for a trial, in the campaign's order (a cost unknown to this activation counts as the worst).
    private double[] Values(int trialNumber, double accuracy)
    {
        (long Params, long Macs) costs;
        bool known;
        lock (_costs) known = _costs.TryGetValue(trialNumber, out costs);
        return ObjectiveValues.Of(_objectives!, accuracy, known ? costs.Params : null, known ? costs.Macs : null);
    }

    private void End(PastTrial trial) => Tell(trial.Number, trial.Status, trial.BestValidationAccuracy, trial.Epochs);

    /// <summary>
    /// Builds a fresh search from settings and a dataset name; <paramref name="shape"/>, when the campaign declares
    /// it, sizes the networks instead of the name's fixed shape. The sampler starts from <paramref name="warmStart"/>
    /// (finished trials of earlier campaigns over the same space, see <see cref="WarmStartReader"/>). Throws
    /// <see cref="ArgumentException"/>, its message starting with the field's path, for settings the validator refuses.
    /// </summary>
    public static CoreCampaignSearch Create(SearchSettings settings, string dataset, DatasetShape? shape = null, IReadOnlyList<ObservedTrial>? warmStart = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var space = SpaceOf(settings);
        var (input, classes) = shape is { } declared ? (declared.ToInput(), declared.Classes) : DatasetShape(dataset);
        var constraints = settings.MaxParams is null && settings.MaxMacs is null
            ? null
            : new SpaceConstraints(settings.MaxParams ?? space.Constraints.MaxParams, settings.MaxMacs ?? space.Constraints.MaxMacs);
        var mapper = new ConfigurationMapper(space, input, classes, new MapperOptions { Constraints = constraints });
        var objectives = settings.Objectives is { Count: > 1 } several ? several : null;
        var sampler = SamplerFactory.Create(settings.Sampler, space, settings.Seed, settings.SamplerOptions, objectives);
        // Before any trial of this campaign: the rebuild after a failover replays this campaign's trials after them too.
        if (warmStart is { Count: > 0 }) sampler.WarmStart(warmStart);
        var scheduler = SchedulerFactory.Create(settings.Scheduler, settings.SchedulerOptions, objectives);
        return new CoreCampaignSearch(sampler, scheduler, mapper, settings.Seed, Enqueued(settings, space), objectives);
    }

    /// <summary>The space the settings search: theirs, or the default Fashion-MNIST space.</summary>
    public static SearchSpace SpaceOf(SearchSettings settings) =>
        settings.Space is { } json ? SearchSpaceJson.Read(json.GetRawText()) : DefaultSpaces.FashionMnist;

    // The same completion the validator checked, so the trained configurations are the ones it accepted.
    private static List<Configuration> Enqueued(SearchSettings settings, SearchSpace space)
    {
        var enqueued = new List<Configuration>();
        foreach (var (values, i) in (settings.Enqueue ?? []).Select((e, i) => (e, i)))
        {
            try
            {
                enqueued.Add(EnqueuedConfiguration.Complete(space, SearchSpaceJson.ReadValues(space, values), settings.Seed, i));
            }
            catch (SearchSpaceException e)
            {
                throw new ArgumentException($"search.enqueue[{i}]: {e.Message}", nameof(settings), e);
            }
        }
        return enqueued;
    }

    // An image folder of undeclared shape gets it from the images, which only a worker reads: the silo sizes its
    // candidates as 1×28×28 with 10 classes (so its parameter and MAC counts are estimates), and each worker rebuilds
    // the trial's network for the images it loads (the lease carries no shape). Any other unknown name is refused.
    private static (InputShape Input, int Classes) DatasetShape(string dataset)
    {
        var name = DatasetNames.Suggest(dataset)
            ?? throw new ArgumentException($"dataset '{dataset}' is unknown; known: {string.Join(", ", DatasetNames.All)}", nameof(dataset));
        return DatasetNames.TryGetShape(name, out var input, out var classes) ? (input, classes) : (InputShape.Gray28, 10);
    }
}
