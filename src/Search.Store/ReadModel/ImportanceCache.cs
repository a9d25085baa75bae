namespace NinSearch.Store.ReadModel;

/// <summary>
/// The latest <see cref="ImportanceView"/> of the most recently used campaigns, keyed by how many finished trials it
/// used: finished trials never change, so a view stays valid until another trial finishes. Bounded (least recently
/// used campaign evicted first) and thread-safe.
/// </summary>
internal sealed class ImportanceCache(int capacity)
{
    private readonly Dictionary<string, LinkedListNode<Entry>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<Entry> _recency = new();
    private readonly Lock _lock = new();

    /// <summary>The cached view of <paramref name="campaignId"/> computed over <paramref name="finishedTrials"/> trials, if any.</summary>
    public ImportanceView? Get(string campaignId, int finishedTrials)
    {
        lock (_lock)
        {
            if (!_entries.TryGetValue(campaignId, out var node) || node.Value.FinishedTrials != finishedTrials)
            {
                return null;
            }

            _recency.Remove(node);
            _recency.AddFirst(node);
            return node.Value.View;
        }
    }

    /// <summary>Keeps <paramref name="view"/> as the campaign's latest, replacing an older one.</summary>
    public void Set(string campaignId, int finishedTrials, ImportanceView view)
    {
        lock (_lock)
        {
            if (_entries.Remove(campaignId, out var old))
            {
                _recency.Remove(old);
            }

            _entries[campaignId] = _recency.AddFirst(new Entry(campaignId, finishedTrials, view));
            while (_entries.Count > capacity)
            {
                _entries.Remove(_recency.Last!.Value.CampaignId);
                _recency.RemoveLast();
            }
        }
    }

    private sealed record Entry(string CampaignId, int FinishedTrials, ImportanceView View);
}
