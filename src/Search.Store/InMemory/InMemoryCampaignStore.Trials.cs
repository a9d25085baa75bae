using NinSearch.Spec;
using NinSearch.Store.Entities;

namespace NinSearch.Store.InMemory;

public sealed partial class InMemoryCampaignStore
{
    /// <inheritdoc />
    public Task<bool> AddTrialAsync(Trial trial, CancellationToken cancellationToken = default) => Atomically(() =>
    {
        ArgumentNullException.ThrowIfNull(trial);
        if (trial.Status is not (TrialStatus.Waiting or TrialStatus.Rejected))
        {
            throw new ArgumentException($"A new trial is Waiting or Rejected, not {trial.Status}.", nameof(trial));
        }

        var now = Now();
        var row = NewTrialRow(trial, now);
        row.WorkerId = null;
        row.LeaseId = null;
        row.LeaseExpiresAt = null;
        row.Attempt = 0;
        row.StartedAt = null;
        row.EndedAt = row.Status == TrialStatus.Rejected ? row.EndedAt?.ToUniversalTime() ?? now : null;
        return Insert(row);
    }, cancellationToken);

    /// <inheritdoc />
    public Task<bool> AddLeasedTrialAsync(
        Trial trial,
        string workerId,
        Guid leaseId,
        DateTimeOffset expiresAt,
        DateTimeOffset now,
        CancellationToken cancellationToken = default) => Atomically(() =>
    {
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentException.ThrowIfNullOrEmpty(workerId);
        var row = NewTrialRow(trial, Now());
        row.Status = TrialStatus.Running;
        row.Reason = null;
        row.WorkerId = workerId;
        row.LeaseId = leaseId;
        row.LeaseExpiresAt = expiresAt.ToUniversalTime();
        row.Attempt = 1;
        row.StartedAt = now.ToUniversalTime();
        row.EndedAt = null;
        return Insert(row);
    }, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<Trial>> GetTrialsAsync(string campaignId, TrialStatus? status = null, CancellationToken cancellationToken = default) =>
        Atomically<IReadOnlyList<Trial>>(
            () => TrialsOf(campaignId).Where(t => status is null || t.Status == status).Select(Detached).ToList(),
            cancellationToken);

    /// <inheritdoc />
    public Task<Trial?> GetTrialAsync(Guid trialId, CancellationToken cancellationToken = default) => Atomically(
        () => _trials.TryGetValue(trialId, out var row) ? Detached(row) : null,
        cancellationToken);

    /// <inheritdoc />
    public Task<bool> FinishTrialAsync(
        Guid trialId,
        Guid leaseId,
        TrialStatus terminal,
        string? reason,
        double? testAccuracy,
        double? trainSeconds,
        InferenceSpeedRow? inference = null,
        CancellationToken cancellationToken = default) => Atomically(() =>
    {
        if (terminal is not (TrialStatus.Complete or TrialStatus.Pruned or TrialStatus.Failed or TrialStatus.Rejected))
        {
            throw new ArgumentException($"A worker finishes a trial as Complete, Pruned, Failed or Rejected, not {terminal}.", nameof(terminal));
        }

        if (!TryGetLeased(trialId, leaseId, out var row))
        {
            return false;
        }

        // The trial's own end is not a failed attempt (Trial.FailedAttempts), as on PostgreSQL's hot path.
        row.Status = terminal;
        row.Reason = reason;
        row.TestAccuracy = testAccuracy;
        row.TrainSeconds = trainSeconds;
        row.LatencyMs = inference?.LatencyMs;
        row.InferenceImagesPerSecond = inference?.ImagesPerSecond;
        row.EndedAt = Now();
        row.LeaseId = null;
        row.LeaseExpiresAt = null;
        return true;
    }, cancellationToken);

    /// <inheritdoc />
    public Task<bool> CloseTrialAsync(Guid trialId, TrialStatus terminal, string? reason, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        Atomically(() =>
        {
            if (terminal is not (TrialStatus.Failed or TrialStatus.Pruned))
            {
                throw new ArgumentException($"The coordinator closes a trial as Failed or Pruned, not {terminal}.", nameof(terminal));
            }

            if (!_trials.TryGetValue(trialId, out var row) || !IsClaimable(row, now))
            {
                return false;
            }

            if (row.Status == TrialStatus.Running)
            {
                row.FailedAttempts++;
            }

            row.Status = terminal;
            row.Reason = reason;
            row.EndedAt = Now();
            row.LeaseId = null;
            row.LeaseExpiresAt = null;
            return true;
        }, cancellationToken);

    /// <summary>Inserts <paramref name="row"/> unless its id or its campaign and number exist (false then).</summary>
    private bool Insert(Trial row)
    {
        if (_trials.ContainsKey(row.Id) || (_trialsByNumber.TryGetValue(row.CampaignId, out var numbers) && numbers.ContainsKey(row.Number)))
        {
            return false;
        }

        if (!_campaigns.ContainsKey(row.CampaignId))
        {
            // The databases refuse this with a foreign-key violation.
            throw new InvalidOperationException($"Trial {row.Id} belongs to campaign '{row.CampaignId}', which does not exist.");
        }

        _trials.Add(row.Id, row);
        if (numbers is null)
        {
            numbers = [];
            _trialsByNumber.Add(row.CampaignId, numbers);
        }

        numbers.Add(row.Number, row);
        return true;
    }

    /// <summary>A campaign's trials by number.</summary>
    private IEnumerable<Trial> TrialsOf(string campaignId) =>
        _trialsByNumber.TryGetValue(campaignId, out var numbers) ? numbers.Values : [];

    /// <summary>The trial when it is Running under <paramref name="leaseId"/>: the condition of every lease holder's write.</summary>
    private bool TryGetLeased(Guid trialId, Guid leaseId, out Trial row) =>
        _trials.TryGetValue(trialId, out row!) && row.Status == TrialStatus.Running && row.LeaseId == leaseId;

    /// <summary>Waiting, or Running under a lease that expired before <paramref name="now"/>: free for a lease or a close.</summary>
    private static bool IsClaimable(Trial row, DateTimeOffset now) =>
        row.Status == TrialStatus.Waiting || (row.Status == TrialStatus.Running && row.LeaseExpiresAt < now);

    /// <summary>A detached copy of a caller's new trial with no results yet, as EfCampaignStore makes it.</summary>
    private static Trial NewTrialRow(Trial trial, DateTimeOffset now)
    {
        // Copy() leaves FailedAttempts at 0: a new trial has failed no attempt, whatever the argument says.
        var row = trial.Copy();
        row.BestValAccuracy = null;
        row.BestEpoch = null;
        row.LastEpoch = null;
        row.TestAccuracy = null;
        row.TrainSeconds = null;
        row.LatencyMs = null;
        row.InferenceImagesPerSecond = null;
        row.CreatedAt = row.CreatedAt == default ? now : row.CreatedAt.ToUniversalTime();
        return row;
    }

    /// <summary>A copy for a caller, with every column (EntityCopies' Copy leaves out FailedAttempts, for new rows).</summary>
    private static Trial Detached(Trial row)
    {
        var copy = row.Copy();
        copy.FailedAttempts = row.FailedAttempts;
        return copy;
    }
}
