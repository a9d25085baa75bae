using System.Threading.Channels;

namespace NinSearch.Dashboard.Events;

/// <summary>
/// One client of a campaign's live feed (<see cref="CampaignEventHub.ListenAsync"/>): its own bounded queue of
/// updates, oldest dropped first when the client reads too slowly. Dispose it when the client leaves; the last one to
/// leave ends the feed's subscription.
/// </summary>
public sealed class CampaignListener : IAsyncDisposable
{
    private readonly Channel<SequencedUpdate> channel;
    private readonly Action<CampaignListener> leave;
    private int disposed;

    internal CampaignListener(int capacity, long joinedAfter, Action<CampaignListener> leave, Action<SequencedUpdate> dropped)
    {
        channel = Channel.CreateBounded<SequencedUpdate>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
            SingleWriter = false,
        }, dropped);
        JoinedAfter = joinedAfter;
        this.leave = leave;
    }

    /// <summary>The sequence number of the last update delivered before this listener joined (0 for none).</summary>
    public long JoinedAfter { get; }

    /// <summary>The updates since this listener joined, in order (with gaps where the queue overflowed).</summary>
    public ChannelReader<SequencedUpdate> Updates => channel.Reader;

    internal void Deliver(SequencedUpdate update) => channel.Writer.TryWrite(update);

    internal void Complete() => channel.Writer.TryComplete();

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 0)
        {
            channel.Writer.TryComplete();
            leave(this);
        }
        return ValueTask.CompletedTask;
    }
}
