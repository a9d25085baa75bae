using NinSearch.Spec;
using NinSearch.Store.Entities;

namespace NinSearch.Silo.Coordination;

/// <summary>The campaign's in-memory copy of one trial (see <see cref="CampaignState"/>); the store's row is authoritative.</summary>
internal sealed class TrialSlot
{
    private TrialTally? _tally;
    private TrialStatus _status;
    private int? _lastEpoch;
    private double? _bestValAccuracy;
    private DateTimeOffset? _leaseExpiresAt;
    private Guid? _leaseId;
    private int _attempt;
    private int _failedAttempts;
    private string? _configJson;

    public required Guid Id { get; init; }
    public required int Number { get; init; }
    /// <summary>
    /// The configuration a lease hands out. Dropped once the trial ends, as nothing leases it again: a long campaign
    /// keeps a slot for every trial, and this string was most of each slot (~2 KB of a preset's ~3 KB).
    /// </summary>
    public required string ConfigJson
    {
        get => _configJson ?? throw new InvalidOperationException($"trial {Number} has ended: its configuration is no longer held");
        init => _configJson = value;
    }
    public Guid? LeaseId
    {
        get => _leaseId;
        set => Change(ref _leaseId, value);
    }

    public string? WorkerId { get; set; }

    public int Attempt
    {
        get => _attempt;
        set => Change(ref _attempt, value);
    }
    public int? CheckpointEpoch { get; set; }

    /// <summary>Attempts that ended in an expired lease or a faulted hand-back (<see cref="Trial.FailedAttempts"/>).</summary>
    public int FailedAttempts
    {
        get => _failedAttempts;
        set => Change(ref _failedAttempts, value);
    }

    /// <summary>
    /// How many times the fields a row read compares (status, lease, attempts, last epoch) have changed in memory: a row
    /// read while this moved may be older than memory (<see cref="CampaignState.ChangesOf"/>).
    /// </summary>
    public int Changes { get; private set; }

    /// <summary>Why the last attempt failed, while the trial is not terminal (<see cref="Trial.Reason"/>).</summary>
    public string? LastFault { get; set; }
    public double TrainSeconds { get; set; }

    public TrialStatus Status
    {
        get => _status;
        set
        {
            if (value == _status) return;
            _tally?.StatusChanged(_status, value);
            _status = value;
            Changes++;
            if (IsTerminal) _configJson = null;
        }
    }

    public DateTimeOffset? LeaseExpiresAt
    {
        get => _leaseExpiresAt;
        set
        {
            _leaseExpiresAt = value;
            _tally?.ExpirySet(value);
        }
    }

    public int? LastEpoch
    {
        get => _lastEpoch;
        set
        {
            if (value == _lastEpoch) return;
            _tally?.LastEpochChanged(_lastEpoch, value);
            _lastEpoch = value;
            Changes++;
        }
    }

    public double? BestValAccuracy
    {
        get => _bestValAccuracy;
        set
        {
            _bestValAccuracy = value;
            _tally?.BestChanged(this);
        }
    }

    private void Change<T>(ref T field, T value)
    {
        if (EqualityComparer<T>.Default.Equals(field, value)) return;
        field = value;
        Changes++;
    }

    /// <summary>A lease call is writing this trial's row now (a lease, a give-up, an insert); other lease calls, sweeps and closes leave it alone.</summary>
    public bool Leasing { get; set; }

    public bool IsTerminal => Status is TrialStatus.Complete or TrialStatus.Pruned or TrialStatus.Failed or TrialStatus.Rejected;

    public static TrialSlot From(Trial trial) =>
        new TrialSlot { Id = trial.Id, Number = trial.Number, ConfigJson = trial.ConfigJson }.Refresh(trial);

    /// <summary>Counts this slot in <paramref name="tally"/>, which from now on follows its changes.</summary>
    public void JoinTally(TrialTally tally)
    {
        _tally = tally;
        tally.Add(this);
    }

    /// <summary>Takes this slot out of its tally.</summary>
    public void LeaveTally()
    {
        _tally?.Remove(this);
        _tally = null;
    }

    /// <summary>A copy of this slot as it is now.</summary>
    public TrialSlotView View() =>
        new(Id, Number, Status, LeaseId, WorkerId, Attempt, FailedAttempts, LeaseExpiresAt, LastEpoch, BestValAccuracy);

    /// <summary>Copies the mutable fields of the store's row.</summary>
    public TrialSlot Refresh(Trial trial)
    {
        Status = trial.Status;
        LeaseId = trial.LeaseId;
        LeaseExpiresAt = trial.LeaseExpiresAt;
        WorkerId = trial.WorkerId;
        Attempt = trial.Attempt;
        FailedAttempts = trial.FailedAttempts;
        LastFault = trial.Reason;
        LastEpoch = trial.LastEpoch;
        BestValAccuracy = trial.BestValAccuracy;
        TrainSeconds = trial.TrainSeconds ?? TrainSeconds;
        return this;
    }
}
