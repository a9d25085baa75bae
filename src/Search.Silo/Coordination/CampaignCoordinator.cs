using Microsoft.Extensions.Logging;
using NinSearch.Abstractions;
using NinSearch.Core.Campaigns;
using NinSearch.Silo.Hosting;
using NinSearch.Silo.Metrics;
using NinSearch.Silo.Search;
using NinSearch.Spec;
using NinSearch.Store;
using NinSearch.Store.Entities;

namespace NinSearch.Silo.Coordination;

/// <summary>
/// The campaign grain's logic without Orleans (see <see cref="ICampaignGrain"/> for the contract): it drives a pure
/// <see cref="CampaignState"/> and does the store I/O its decisions plan, applying each write's outcome back. The store
/// is the system of record: on activation the state is rebuilt from the campaign row and its trials, and every change
/// goes through one conditional store call before memory changes. Single-threaded like a grain, but its calls
/// interleave at awaits exactly as the grain's [AlwaysInterleave] methods do; the rules are <see cref="CampaignState"/>'s.
/// </summary>
public sealed partial class CampaignCoordinator
{
    private readonly ICampaignStore _store;
    private readonly ICampaignSearchFactory _searchFactory;
    private readonly SearchClock _clock;
    private readonly SiloOptions _options;
    private readonly SearchInstruments _instruments;
    private readonly ICampaignHost _host;
    private readonly ILogger _logger;
    private readonly TaskScheduler _drawScheduler;
    // Reports interleave; saves of the campaign row must not, or the version check would refuse the second.
    private readonly SemaphoreSlim _saveGate = new(1, 1);
    // Starts must not interleave either: a second one would load the row over the state the first is changing.
    private readonly SemaphoreSlim _startGate = new(1, 1);
    private bool _begun;
    private ICampaignSearch? _search;

    public CampaignCoordinator(string campaignId, ICampaignStore store, ICampaignSearchFactory searchFactory,
        SearchClock clock, SiloOptions options, SearchInstruments instruments, ICampaignHost host, ILogger logger,
        TaskScheduler? drawScheduler = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(campaignId);
        ArgumentNullException.ThrowIfNull(options);
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _searchFactory = searchFactory ?? throw new ArgumentNullException(nameof(searchFactory));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _options = options;
        _instruments = instruments ?? throw new ArgumentNullException(nameof(instruments));
        _host = host ?? throw new ArgumentNullException(nameof(host));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _drawScheduler = drawScheduler ?? TaskScheduler.Default;
        State = new CampaignState(campaignId, options.LeaseDuration, options.MaxFailedAttempts);
    }

    /// <summary>The campaign's state and decisions.</summary>
    public CampaignState State { get; }

    /// <summary>Where new trial and lease ids come from; a simulator sets a seeded source so that a run repeats exactly. Default <see cref="Guid.NewGuid"/>.</summary>
    public Func<Guid> NewId { get; init; } = Guid.NewGuid;

    private string CampaignId => State.CampaignId;

    private DateTimeOffset Now => _clock.UtcNow;

    /// <summary>Rebuilds from the store (the grain's activation): the row, its trials and, while running, the search.</summary>
    public async Task ActivateAsync(CancellationToken cancellationToken)
    {
        var stored = await _store.GetCampaignAsync(CampaignId, cancellationToken);
        if (stored is null) return;
        var definition = CampaignDefinitionJson.Read(stored.SpecJson);
        var rows = await _store.GetTrialsAsync(CampaignId, cancellationToken: cancellationToken);
        State.Load(stored, definition, rows);
        if (State.IsRunning)
        {
            _search = await _searchFactory.CreateAsync(definition, cancellationToken);
            _search.Rebuild(await ReadHistoryAsync(rows, cancellationToken));
            await BeginRunningAsync();
            LogReactivated(CampaignId, rows.Count);
        }
    }

    /// <summary>
    /// Creates the campaign (Draft → Running); starting an existing campaign returns its snapshot. Resumable: a start
    /// that failed half-way (after the row was created, or saved Running, or before the dispatcher and the sweeps
    /// began) is finished by the next Start, in this activation or a later one (which loads the row it left). Starts
    /// run one at a time, so a duplicate waits for the first and never loads a row over the state it is changing.
    /// </summary>
    public async Task<CampaignSnapshot> StartAsync(CampaignDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (StartDone) return Snapshot();
        await _startGate.WaitAsync();
        try
        {
            if (StartDone) return Snapshot();
            await StartCoreAsync(definition);
            return Snapshot();
        }
        finally
        {
            _startGate.Release();
        }
    }

    // Running with the dispatcher and sweeps begun, or past running: nothing left of a start to finish.
    private bool StartDone => State.IsCreated && State.Status != CampaignStatus.Draft && (_begun || !State.IsRunning);

    private async Task StartCoreAsync(CampaignDefinition definition)
    {
        if (!State.IsCreated)
        {
            definition.EnsureWithinLimits(_options.Validation);   // before the search factory expands anything
            if (!definition.Budget.IsValid)
                throw new ArgumentException("the budget needs at least one positive limit (trials, epochs or wall-clock)", nameof(definition));
            // Workers would fail every trial of a dataset they cannot load: refuse it before anything is stored.
            if (DatasetNames.Suggest(definition.Dataset) is null)
                throw new ArgumentException($"dataset '{definition.Dataset}' is unknown; known: {string.Join(", ", DatasetNames.All)}", nameof(definition));
            var search = await _searchFactory.CreateAsync(definition);

            await _store.CreateCampaignAsync(new Campaign
            {
                Id = CampaignId,
                Name = definition.Name,
                SpecJson = CampaignDefinitionJson.Write(definition),
                Status = CampaignStatus.Draft,
                CreatedAt = Now,
            });
            // Another activation may have created (and even started) it first: the stored row and its trials win.
            if (!State.IsCreated)
            {
                var campaign = await _store.GetCampaignAsync(CampaignId) ?? throw new InvalidOperationException($"campaign {CampaignId} vanished after creation");
                IReadOnlyList<Trial> rows = campaign.Status == CampaignStatus.Draft ? [] : await _store.GetTrialsAsync(CampaignId);
                if (!State.IsCreated)
                {
                    State.Load(campaign, CampaignDefinitionJson.Read(campaign.SpecJson), rows);
                    if (rows.Count > 0) search.Rebuild(await ReadHistoryAsync(rows, CancellationToken.None));
                }
            }
            _search ??= search;
        }
        // A row loaded by the activation (a start that crashed half-way) has no search yet.
        _search ??= await _searchFactory.CreateAsync(State.Definition!);
        if (State.Status == CampaignStatus.Draft)
        {
            // Refused: another start (or an earlier try of this one whose reply failed) saved it; memory has the row now.
            if (await SaveStateAsync(CampaignStatus.Running, null))
            {
                await AddEventAsync(CampaignEventKind.Started, $"started: {State.Definition!.Name}");
                LogStarted(CampaignId, State.Definition.Name);
            }
            else if (State.Status == CampaignStatus.Draft)
            {
                throw new InvalidOperationException($"campaign {CampaignId}: could not enter Running (changed concurrently)");
            }
        }
        if (State.IsRunning && !_begun) await BeginRunningAsync();
    }

    /// <summary>Cancels a running campaign (see <see cref="ICampaignGrain.CancelAsync"/>).</summary>
    public async Task<CampaignSnapshot> CancelAsync(string reason)
    {
        if (!State.IsCreated || State.IsTerminal) return Snapshot();
        await EndAsync(CampaignStatus.Cancelled, string.IsNullOrWhiteSpace(reason) ? "cancelled" : reason);
        return Snapshot();
    }

    /// <summary>The current progress.</summary>
    public CampaignSnapshot Snapshot() => State.Snapshot();

    /// <summary>The search's history from the trial rows (read once, at activation) and the campaign's epoch rows.</summary>
    private async Task<SearchHistory> ReadHistoryAsync(IReadOnlyList<Trial> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0) return SearchHistory.Empty;
        var numbers = rows.ToDictionary(t => t.Id, t => t.Number);
        var epochs = (await _store.GetCampaignEpochsAsync(CampaignId, cancellationToken))
            .Where(e => numbers.ContainsKey(e.TrialId))
            .Select(e => new PastEpoch(numbers[e.TrialId], e.Epoch, e.ValAccuracy, e.ReportedAt))
            .ToList();
        var trials = rows.OrderBy(t => t.Number)
            .Select(t => new PastTrial(t.Number, t.Status, t.ParamsJson, t.BestValAccuracy, t.LastEpoch ?? 0, t.EndedAt) { Params = t.Params, Macs = t.Macs })
            .ToList();
        return new SearchHistory(trials, epochs);
    }

    private async Task BeginRunningAsync()
    {
        await _host.AddToDispatcherAsync(CampaignId);
        _host.StartSweeps();
        _begun = true;
    }

    /// <summary>Saves status and counters with the row's version; false when another writer got there first (memory then has the row).</summary>
    private async Task<bool> SaveStateAsync(CampaignStatus status, string? reason)
    {
        await _saveGate.WaitAsync();
        try
        {
            var plan = State.PlanSave(status, reason);
            // The row's start time is when the save commits, at or after this: counting the wall clock from here
            // ends the budget no later than the row says (the reply may come much later than the commit).
            var requested = Now;
            long? version;
            try
            {
                version = await _store.SaveCampaignStateAsync(CampaignId, plan.Status, plan.Reason, plan.TrialsCreated, plan.EpochsUsed, plan.ExpectedVersion);
            }
            catch
            {
                // Ambiguous: it may have committed. Memory takes the row, or the next activation rebuilds from it.
                await ReloadCampaignAsync();
                throw;
            }
            if (version is null)
            {
                // Someone else (a second activation after a failover, or an end already written) changed the row: reload.
                if (await _store.GetCampaignAsync(CampaignId) is { } newer) State.RefreshCampaign(newer);
                LogStaleCampaignRow(CampaignId, State.Status);
                return false;
            }
            State.ApplySaved(plan, version.Value, requested);
            return true;
        }
        finally
        {
            _saveGate.Release();
        }
    }

    /// <summary>After a save of the campaign row whose outcome is unknown: memory takes the row; if even that read fails, this activation retires.</summary>
    private async Task ReloadCampaignAsync()
    {
        try
        {
            if (await _store.GetCampaignAsync(CampaignId) is { } stored) State.RefreshCampaign(stored);
        }
        catch
        {
            _host.Deactivate();
        }
    }

    /// <summary>
    /// After a write on a trial whose outcome is unknown (it may have committed before the error): memory takes the
    /// trial's row; if even that read fails, this activation retires, so the next one rebuilds from the store.
    /// </summary>
    private async Task ReconcileAsync(Guid trialId)
    {
        try
        {
            await RefreshAsync(trialId);
        }
        catch (Exception e)
        {
            LogAmbiguousTrialWrite(CampaignId, trialId, e);
            _host.Deactivate();
        }
    }

    /// <summary>A refused write: memory takes the trial's row.</summary>
    private Task RefreshAsync(Guid trialId) => ReadTrialAsync(trialId);

    /// <summary>
    /// Reads the trial's row and has memory take it; read again when memory changed while the read was in flight (the row
    /// may predate that change), a few times at most, after which the last row is returned and memory left as it is.
    /// </summary>
    private async Task<Trial?> ReadTrialAsync(Guid trialId)
    {
        const int tries = 3;
        Trial? row = null;
        for (var i = 0; i < tries; i++)
        {
            var changes = State.ChangesOf(trialId);
            row = await _store.GetTrialAsync(trialId);
            if (row is null || State.Refresh(row, changes)) return row;
        }
        return row;
    }

    private Task AddEventAsync(CampaignEventKind kind, string message, Guid? trialId = null) =>
        _store.AddEventAsync(new CampaignEvent { CampaignId = CampaignId, Kind = kind, Message = message, TrialId = trialId, At = Now });

    // Called after the store write that made the update true. Without observers it costs one check, so the
    // coordination path pays nothing for live views nobody watches.
    private void Publish(CampaignUpdateKind kind, TrialSlotView? trial = null, EpochMetrics? epoch = null, EpochDecision? decision = null, string? message = null)
    {
        if (!_host.HasObservers) return;
        _host.Publish(new CampaignUpdate(CampaignId, kind, Now, Snapshot(), trial?.Number, trial?.Status, epoch, decision,
            trial?.WorkerId, trial?.Attempt, message));
    }
}
