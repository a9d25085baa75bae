namespace NinSearch.Store.ReadModel;

/// <summary>
/// The latest <see cref="ImportanceView"/> of the most recently used campaigns, with how many finished trials it used:
/// finished trials never change, so a view is exact until another trial finishes, and it is served until the finished
/// trials grow by <see cref="Staleness"/> (fANOVA takes seconds over a thousand trials; a live page asks after every
/// trial that ends, and the view says how many trials it used). Bounded (least recently used campaign evicted first)
/// and thread-safe.
/// </summary>
internal sealed class ImportanceCache(int capacity)
{
    private readonly Dictionary<string, LinkedListNode<Entry>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<Entry> _recency = new();
    private readonly Lock _lock = new();

    /// <summary>The share of new finished trials after which a view is computed again: 5%.</summary>
    public const double Staleness = 0.05;

    /// <summary>
    /// The cached view of <paramref name="campaignId"/>, when it used <paramref name="finishedTrials"/> trials or
    /// fewer than 5% fewer than that, rounded down (so under 40 trials, every new one counts; never when the count went
    /// down).
    /// </summary>
    public ImportanceView? Get(string campaignId, int finishedTrials)
    {
        lock (_lock)
        {
            if (!_entries.TryGetValue(campaignId, out var node)
                || finishedTrials < node.Value.FinishedTrials
                || finishedTrials - node.Value.FinishedTrials >= Math.Max(1, (int)(Staleness * node.Value.FinishedTrials)))
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
