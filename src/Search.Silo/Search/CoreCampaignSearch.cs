using NinSearch.Core.Samplers;
using NinSearch.Core.Schedulers;
using NinSearch.Core.Spaces;
using NinSearch.Spec;
using NinSearch.Store.Entities;

namespace NinSearch.Silo.Search;

/// <summary>
/// A campaign search made of Search.Core parts: a sampler proposes configurations, the mapper turns them into trial
/// configs or typed rejections (constraints), and a scheduler stops weak trials early. Trial numbers are the
/// sampler's and scheduler's trial ids.
/// </summary>
public sealed class CoreCampaignSearch(ISampler sampler, IScheduler scheduler, ConfigurationMapper mapper, long seed) : ICampaignSearch
{
    public Candidate Next(int trialNumber)
    {
        Configuration configuration;
        try
        {
            configuration = sampler.Suggest(trialNumber);
        }
        catch (SamplerExhaustedException e)
        {
            return new Candidate.Exhausted(e.Message);
        }
        var mapped = mapper.Map(configuration, seed + trialNumber);
        if (mapped.Trial is { } config) return new Candidate.Accepted(config, mapped.Params, mapped.Macs);
        return new Candidate.Rejected(SearchSpaceJson.WriteConfiguration(configuration), mapped.Rejection!.ToString(), mapped.Params, mapped.Macs);
    }

    public EpochVerdict OnEpoch(int trialNumber, int epoch, double validationAccuracy)
    {
        var decision = scheduler.OnReport(trialNumber, epoch, validationAccuracy);
        // FIFO keeps no state; the others change theirs with reports, which the campaign row must follow.
        var changed = scheduler.Kind != SchedulerKind.Fifo;
        return decision == SchedulerDecision.Stop
            ? new EpochVerdict(true, changed, $"{scheduler.Kind} stopped it at epoch {epoch}")
            : new EpochVerdict(false, changed);
    }

    public void Tell(int trialNumber, TrialStatus status, double? bestValidationAccuracy, int epochs)
    {
        var outcome = status switch
        {
            TrialStatus.Complete when bestValidationAccuracy is { } best => TrialOutcome.Complete(best, epochs),
            TrialStatus.Pruned when bestValidationAccuracy is { } best => TrialOutcome.Pruned(best, epochs),
            TrialStatus.Rejected => TrialOutcome.Rejected(),
            _ => TrialOutcome.Failed(epochs),
        };
        sampler.Tell(trialNumber, outcome);
        if (status != TrialStatus.Rejected) scheduler.OnComplete(trialNumber);
    }

    public bool KeepsState => true;

    public string? SamplerState => sampler.SaveState();

    public string? SchedulerState => scheduler.SaveState();

    /// <summary>Builds the search from settings and a dataset name, restoring saved states when given.</summary>
    public static CoreCampaignSearch Create(SearchSettings settings, string dataset, string? samplerState, string? schedulerState)
    {
        var space = settings.Space is { } json ? SearchSpaceJson.Read(json.GetRawText()) : DefaultSpaces.FashionMnist;
        var (input, classes) = DatasetShape(dataset);
        var constraints = settings.MaxParams is null && settings.MaxMacs is null
            ? null
            : new SpaceConstraints(settings.MaxParams ?? space.Constraints.MaxParams, settings.MaxMacs ?? space.Constraints.MaxMacs);
        var mapper = new ConfigurationMapper(space, input, classes, new MapperOptions { Constraints = constraints });
        var sampler = SamplerFactory.Create(settings.Sampler, space, settings.Seed);
        var scheduler = SchedulerFactory.Create(settings.Scheduler, settings.SchedulerOptions);
        if (samplerState is not null) sampler.RestoreState(samplerState);
        if (schedulerState is not null) scheduler.RestoreState(schedulerState);
        return new CoreCampaignSearch(sampler, scheduler, mapper, settings.Seed);
    }

    private static (InputShape Input, int Classes) DatasetShape(string dataset) =>
        dataset.Replace("_", "-", StringComparison.Ordinal).ToLowerInvariant() switch
        {
            "cifar10" or "cifar-10" => (InputShape.Rgb32, 10),
            "cifar100" or "cifar-100" => (InputShape.Rgb32, 100),
            _ => (InputShape.Gray28, 10),
        };
}
