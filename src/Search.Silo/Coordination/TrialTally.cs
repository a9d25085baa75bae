using NinSearch.Spec;
using NinSearch.Store.Entities;

namespace NinSearch.Silo.Coordination;

/// <summary>
/// Aggregates over a campaign's tracked trials, kept current by <see cref="TrialSlot"/>'s setters, so the hot
/// calls (lease, report, complete) and snapshots need no scan over all trials. Single-threaded, as the campaign's state is.
/// </summary>
internal sealed class TrialTally
{
    private readonly int[] _byStatus = new int[(int)TrialStatus.Rejected + 1];
    private TrialSlot? _best;
    private double _bestAccuracy;
    private bool _bestStale;

    /// <summary>Tracked trials.</summary>
    public int Total { get; private set; }

    /// <summary>Sum of every tracked trial's last recorded epoch: the epochs the campaign's budget has spent.</summary>
    public long EpochsUsed { get; private set; }

    /// <summary>
    /// No Running trial's lease expires before this (a lower bound: renewals only move expiries later, and an
    /// exact value is restored by <see cref="ResetEarliestExpiry"/>); lease calls skip looking for expired leases until it passes.
    /// </summary>
    public DateTimeOffset EarliestExpiry { get; private set; } = DateTimeOffset.MaxValue;

    /// <summary>Tracked trials in <paramref name="status"/>.</summary>
    public int Count(TrialStatus status) => _byStatus[(int)status];

    /// <summary>The trial with the highest validation accuracy (ties: the lowest number), or null before any report.</summary>
    public TrialSlot? Best(IEnumerable<TrialSlot> all)
    {
        if (_bestStale)
        {
            _best = null;
            _bestStale = false;
            foreach (var slot in all) BestChanged(slot);
        }
        return _best;
    }

    /// <summary>Sets the exact earliest expiry from a full pass over the trials (the lease path does one anyway).</summary>
    public void ResetEarliestExpiry(DateTimeOffset earliest) => EarliestExpiry = earliest;

    internal void Add(TrialSlot slot)
    {
        Total++;
        _byStatus[(int)slot.Status]++;
        EpochsUsed += slot.LastEpoch ?? 0;
        ExpirySet(slot.LeaseExpiresAt);
        BestChanged(slot);
    }

    internal void Remove(TrialSlot slot)
    {
        Total--;
        _byStatus[(int)slot.Status]--;
        EpochsUsed -= slot.LastEpoch ?? 0;
        if (ReferenceEquals(_best, slot)) _bestStale = true;
    }

    internal void StatusChanged(TrialStatus from, TrialStatus to)
    {
        _byStatus[(int)from]--;
        _byStatus[(int)to]++;
    }

    internal void LastEpochChanged(int? from, int? to) => EpochsUsed += (to ?? 0) - (from ?? 0);

    internal void ExpirySet(DateTimeOffset? expires)
    {
        if (expires is { } at && at < EarliestExpiry) EarliestExpiry = at;
    }

    internal void BestChanged(TrialSlot slot)
    {
        if (_bestStale || slot.BestValAccuracy is not { } accuracy) return;
        if (ReferenceEquals(_best, slot))
        {
            // Only a refresh from the store can lower it; find the best again when next asked.
            if (accuracy < _bestAccuracy) _bestStale = true;
            else _bestAccuracy = accuracy;
            return;
        }
        if (_best is null || accuracy > _bestAccuracy || (accuracy == _bestAccuracy && slot.Number < _best.Number))
        {
            _best = slot;
            _bestAccuracy = accuracy;
        }
    }
}
