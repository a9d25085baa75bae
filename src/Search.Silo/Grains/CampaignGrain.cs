using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NinSearch.Abstractions;
using NinSearch.Core.Campaigns;
using NinSearch.Silo.Hosting;
using NinSearch.Silo.Metrics;
using NinSearch.Silo.Search;
using NinSearch.Spec;
using NinSearch.Store.Entities;
using NinSearch.Store;

namespace NinSearch.Silo.Grains;

/// <summary>
/// One campaign (see <see cref="ICampaignGrain"/>). The store is the system of record: on activation the grain
/// reads the campaign row and its trials; every change goes through one conditional store call before the grain's
/// memory changes, so a grain reactivated on another silo continues exactly, and a stale caller changes nothing.
/// </summary>
public sealed partial class CampaignGrain(
    ICampaignStore store,
    ICampaignSearchFactory searchFactory,
    SearchClock clock,
    IOptions<SiloOptions> options,
    SearchInstruments instruments,
    ILogger<CampaignGrain> logger) : Grain, ICampaignGrain
{
    private readonly Dictionary<Guid, TrialSlot> _trials = [];
    private readonly Dictionary<Guid, TrialSlot> _byLease = [];
    private readonly TrialTally _tally = new();
    // Reports interleave (see ICampaignGrain); saves of the campaign row must not, or the version check would refuse them.
    private readonly SemaphoreSlim _saveGate = new(1, 1);
    private CampaignRow? _campaign;
    private CampaignDefinition? _definition;
    private ICampaignSearch? _search;
    private IGrainTimer? _leaseTimer;
    private bool _searchExhausted;
    private int _nextNumber;

    private string CampaignId => this.GetPrimaryKeyString();
    private SiloOptions Options => options.Value;
    private DateTimeOffset Now => clock.UtcNow;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var stored = await store.GetCampaignAsync(CampaignId, cancellationToken);
        if (stored is null) return;
        _campaign = CampaignRow.From(stored);
        _definition = CampaignDefinitionJson.Read(stored.SpecJson);
        var rows = await store.GetTrialsAsync(CampaignId, cancellationToken: cancellationToken);
        foreach (var trial in rows) Track(TrialSlot.From(trial));
        // A crash between adding a trial and saving the campaign row leaves the row one behind; the trials decide.
        _nextNumber = Math.Max(stored.TrialsCreated, _trials.Count == 0 ? 0 : _trials.Values.Max(t => t.Number) + 1);
        if (_campaign.Status == CampaignStatus.Running)
        {
            _search = await searchFactory.CreateAsync(_definition, cancellationToken);
            _search.Rebuild(await ReadHistoryAsync(rows, cancellationToken));
            await BeginRunningAsync();
            LogReactivated(CampaignId, _trials.Count);
        }
    }

    public async Task<CampaignSnapshot> StartAsync(CampaignDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (_campaign is not null) return Snapshot();
        definition.EnsureWithinLimits(Options.Validation);   // before the search factory expands anything
        if (!definition.Budget.IsValid)
            throw new ArgumentException("the budget needs at least one positive limit (trials, epochs or wall-clock)", nameof(definition));
        // Workers would fail every trial of a dataset they cannot load: refuse it before anything is stored.
        if (DatasetNames.Suggest(definition.Dataset) is null)
            throw new ArgumentException($"dataset '{definition.Dataset}' is unknown; known: {string.Join(", ", DatasetNames.All)}", nameof(definition));
        var search = await searchFactory.CreateAsync(definition);

        var campaign = new Campaign
        {
            Id = CampaignId,
            Name = definition.Name,
            SpecJson = CampaignDefinitionJson.Write(definition),
            Status = CampaignStatus.Draft,
            CreatedAt = Now,
        };
        await store.CreateCampaignAsync(campaign);
        // Another activation may have created it first: the stored row wins.
        campaign = await store.GetCampaignAsync(CampaignId) ?? throw new InvalidOperationException($"campaign {CampaignId} vanished after creation");
        _campaign = CampaignRow.From(campaign);
        _definition = CampaignDefinitionJson.Read(campaign.SpecJson);
        _search = search;
        if (campaign.Status == CampaignStatus.Draft)
        {
            if (!await SaveStateAsync(CampaignStatus.Running, null))
                throw new InvalidOperationException($"campaign {CampaignId}: could not enter Running (changed concurrently)");
            await AddEventAsync(CampaignEventKind.Started, $"started: {definition.Name}");
            LogStarted(CampaignId, definition.Name);
        }
        if (_campaign.Status == CampaignStatus.Running) await BeginRunningAsync();
        return Snapshot();
    }

    public async Task<CampaignSnapshot> CancelAsync(string reason)
    {
        if (_campaign is null || IsTerminal) return Snapshot();
        await EndAsync(CampaignStatus.Cancelled, string.IsNullOrWhiteSpace(reason) ? "cancelled" : reason);
        return Snapshot();
    }

    public Task<CampaignSnapshot> GetSnapshotAsync() => Task.FromResult(Snapshot());

    /// <summary>The search's history from the trial rows (read once, at activation) and the campaign's epoch rows.</summary>
    private async Task<SearchHistory> ReadHistoryAsync(IReadOnlyList<Trial> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0) return SearchHistory.Empty;
        var numbers = rows.ToDictionary(t => t.Id, t => t.Number);
        var epochs = (await store.GetCampaignEpochsAsync(CampaignId, cancellationToken))
            .Where(e => numbers.ContainsKey(e.TrialId))
            .Select(e => new PastEpoch(numbers[e.TrialId], e.Epoch, e.ValAccuracy, e.ReportedAt))
            .ToList();
        var trials = rows.OrderBy(t => t.Number)
            .Select(t => new PastTrial(t.Number, t.Status, t.ParamsJson, t.BestValAccuracy, t.LastEpoch ?? 0, t.EndedAt) { Params = t.Params, Macs = t.Macs })
            .ToList();
        return new SearchHistory(trials, epochs);
    }

    private bool IsRunning => _campaign?.Status == CampaignStatus.Running;

    private bool IsTerminal => _campaign?.Status is CampaignStatus.Completed or CampaignStatus.Cancelled or CampaignStatus.Failed;

    private void Track(TrialSlot slot)
    {
        if (_trials.TryGetValue(slot.Id, out var previous)) previous.LeaveTally();
        _trials[slot.Id] = slot;
        slot.JoinTally(_tally);
        if (slot.LeaseId is { } lease && slot.Status == TrialStatus.Running) _byLease[lease] = slot;
    }

    private void Untrack(TrialSlot slot)
    {
        _trials.Remove(slot.Id);
        slot.LeaveTally();
    }

    private async Task BeginRunningAsync()
    {
        await GrainFactory.GetGrain<IDispatcherGrain>(IDispatcherGrain.Key).AddCampaignAsync(CampaignId);
        _leaseTimer ??= this.RegisterGrainTimer(OnLeaseTimerAsync, new GrainTimerCreationOptions
        {
            DueTime = Options.LeaseCheckInterval,
            Period = Options.LeaseCheckInterval,
            KeepAlive = true,
        });
    }

    /// <summary>Saves status, search state and counters with the row's version; false when another writer got there first.</summary>
    private async Task<bool> SaveStateAsync(CampaignStatus status, string? reason)
    {
        await _saveGate.WaitAsync();
        try
        {
            return await SaveStateCoreAsync(status, reason);
        }
        finally
        {
            _saveGate.Release();
        }
    }

    private async Task<bool> SaveStateCoreAsync(CampaignStatus status, string? reason)
    {
        var campaign = _campaign!;
        var version = await store.SaveCampaignStateAsync(
            CampaignId, status, reason, _nextNumber, EpochsUsed, campaign.Version);
        if (version is null)
        {
            // Someone else (a second activation after a failover, or an end already written) changed the row: reload.
            if (await store.GetCampaignAsync(CampaignId) is { } newer) _campaign = CampaignRow.From(newer);
            LogStaleCampaignRow(CampaignId, _campaign!.Status);
            return false;
        }
        campaign.Version = version.Value;
        campaign.Status = status;
        campaign.Reason = reason;
        campaign.StartedAt ??= status == CampaignStatus.Running ? Now : null;
        return true;
    }

    private long EpochsUsed => _tally.EpochsUsed;

    private Task AddEventAsync(CampaignEventKind kind, string message, Guid? trialId = null) =>
        store.AddEventAsync(new CampaignEvent { CampaignId = CampaignId, Kind = kind, Message = message, TrialId = trialId, At = Now });

    private CampaignSnapshot Snapshot()
    {
        if (_campaign is null)
            return new CampaignSnapshot(CampaignId, CampaignStatus.Draft, 0, 0, 0, 0, 0, 0, 0, 0, null, null, "not created");
        var best = _tally.Best(_trials.Values);
        return new CampaignSnapshot(
            CampaignId, _campaign.Status,
            TrialsStarted: _tally.Total - _tally.Count(TrialStatus.Rejected),
            TrialsRunning: _tally.Count(TrialStatus.Running),
            TrialsWaiting: _tally.Count(TrialStatus.Waiting),
            TrialsCompleted: _tally.Count(TrialStatus.Complete),
            TrialsPruned: _tally.Count(TrialStatus.Pruned),
            TrialsFailed: _tally.Count(TrialStatus.Failed),
            TrialsRejected: _tally.Count(TrialStatus.Rejected),
            EpochsReported: EpochsUsed,
            BestTrialId: best?.Id,
            BestValidationAccuracy: best?.BestValAccuracy,
            Reason: _campaign.Reason ?? (IsRunning ? RunningProblem : null));
    }
}
