using NinSearch.Abstractions;

namespace NinSearch.Dashboard.Events;

/// <summary>
/// Puts a campaign's updates back in the order the grain published them. One-way observer calls can arrive out of
/// order (the client runs them concurrently), so each update carries the grain's <see cref="CampaignUpdate.Sequence"/>:
/// updates are released in sequence from the <see cref="Start"/> the subscription returned; an update past a gap is
/// held until the gap fills, or until <see cref="FlushGap"/> gives up on it (a lost message, or a reactivated grain
/// whose sequence jumped). Not thread-safe: the feed calls it under its lock.
/// </summary>
internal sealed class UpdateOrder
{
    private readonly SortedDictionary<long, CampaignUpdate> _held = [];
    private long? _last;

    /// <summary>True while updates wait for a gap to fill.</summary>
    public bool HasGap => _held.Count > 0;

    /// <summary>Sets the last sequence published before the subscription; returns what can now be released.</summary>
    public IReadOnlyList<CampaignUpdate> Start(long lastPublished)
    {
        _last ??= lastPublished;
        foreach (var stale in _held.Keys.Where(k => k <= _last).ToList()) _held.Remove(stale);
        return Drain();
    }

    /// <summary>Takes one update; returns the updates to release now, in order.</summary>
    public IReadOnlyList<CampaignUpdate> Accept(CampaignUpdate update)
    {
        if (_last is { } last && update.Sequence <= last) return []; // a duplicate, or one already given up on
        _held[update.Sequence] = update;
        return _last is null ? [] : Drain();
    }

    /// <summary>Gives up waiting: releases everything held, in order, and continues after it.</summary>
    public IReadOnlyList<CampaignUpdate> FlushGap()
    {
        var released = _held.Values.ToList();
        if (released.Count > 0) _last = released[^1].Sequence;
        _held.Clear();
        return released;
    }

    private List<CampaignUpdate> Drain()
    {
        var released = new List<CampaignUpdate>();
        while (_held.Count > 0)
        {
            var (sequence, update) = _held.First();
            if (sequence != _last + 1) break;
            _held.Remove(sequence);
            released.Add(update);
            _last = sequence;
        }
        return released;
    }
}
