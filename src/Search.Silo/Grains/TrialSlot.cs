using NinSearch.Store.Entities;

namespace NinSearch.Silo.Grains;

/// <summary>The campaign grain's in-memory copy of one trial; the store's row is authoritative.</summary>
internal sealed class TrialSlot
{
    public required Guid Id { get; init; }
    public required int Number { get; init; }
    public required string ConfigJson { get; init; }
    public TrialStatus Status { get; set; }
    public Guid? LeaseId { get; set; }
    public DateTimeOffset? LeaseExpiresAt { get; set; }
    public string? WorkerId { get; set; }
    public int Attempt { get; set; }
    public int? LastEpoch { get; set; }
    public double? BestValAccuracy { get; set; }
    public int? CheckpointEpoch { get; set; }
    public double TrainSeconds { get; set; }

    /// <summary>A lease call is writing this trial's lease now; other lease calls and sweeps leave it alone.</summary>
    public bool Leasing { get; set; }

    public bool IsTerminal => Status is TrialStatus.Complete or TrialStatus.Pruned or TrialStatus.Failed or TrialStatus.Rejected;

    public static TrialSlot From(Trial trial) =>
        new TrialSlot { Id = trial.Id, Number = trial.Number, ConfigJson = trial.ConfigJson }.Refresh(trial);

    /// <summary>Copies the mutable fields of the store's row.</summary>
    public TrialSlot Refresh(Trial trial)
    {
        Status = trial.Status;
        LeaseId = trial.LeaseId;
        LeaseExpiresAt = trial.LeaseExpiresAt;
        WorkerId = trial.WorkerId;
        Attempt = trial.Attempt;
        LastEpoch = trial.LastEpoch;
        BestValAccuracy = trial.BestValAccuracy;
        TrainSeconds = trial.TrainSeconds ?? TrainSeconds;
        return this;
    }
}
