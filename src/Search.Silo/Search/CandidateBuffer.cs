namespace NinSearch.Silo.Search;

/// <summary>
/// Candidates drawn ahead of the leases that take them, so a lease pops a ready one instead of waiting for the
/// sampler inside the campaign grain's turn (a TPE suggestion costs far more than the rest of a lease).
/// <para>Rules:</para>
/// <list type="bullet">
/// <item>Draws run on <c>scheduler</c> (default <see cref="TaskScheduler.Default"/>, the thread pool), one at a time and in trial-number order: <see cref="ICampaignSearch.Next"/>
/// for number n starts only after the draw for n − 1 finished, so the search sees the same sequence of calls as
/// without the buffer. Only the grain's reports and completions run beside a draw (see <see cref="ICampaignSearch"/>).</item>
/// <item>The candidate for trial n is the one the search proposes for n given the history it had when the draw
/// started: up to <c>depth</c> leases before the lease that takes it. A search rebuilt from the store (after a
/// failover) draws the numbers that were buffered but never stored again, from the history the store has; the Core
/// samplers draw trial n from its own random stream, so the same history gives the same candidate.</item>
/// <item>A drawn trial is pending in the search (the sampler's constant liar and duplicate guard count it) from the
/// moment it is drawn; it is leased within the next few leases, or forgotten with the activation.</item>
/// </list>
/// Not thread-safe: the grain calls it from its turns only.
/// </summary>
public sealed class CandidateBuffer(ICampaignSearch search, int depth, TaskScheduler? scheduler = null)
{
    private readonly Queue<(int Number, Task<Candidate> Draw)> _drawn = new();
    private Task _last = Task.CompletedTask;
    private readonly TaskScheduler _scheduler = scheduler ?? TaskScheduler.Default;
    private int _nextToDraw;

    /// <summary>Candidates drawn or being drawn and not yet taken.</summary>
    public int Count => _drawn.Count;

    /// <summary>
    /// The candidate for <paramref name="number"/>, the next trial number: the buffered draw, or one started now when
    /// none is buffered. Numbers are taken in increasing order; buffered draws for lower numbers are dropped.
    /// </summary>
    public Task<Candidate> Take(int number)
    {
        while (_drawn.TryPeek(out var head) && head.Number < number) _drawn.Dequeue();
        if (_drawn.TryPeek(out var next) && next.Number == number) return _drawn.Dequeue().Draw;
        // A number is drawn once: the search registers it, and would refuse it a second time.
        if (number < _nextToDraw) throw new InvalidOperationException($"trial number {number} was drawn before; numbers are taken in increasing order");
        _drawn.Clear();
        _nextToDraw = number;
        return Draw();
    }

    /// <summary>
    /// Starts draws for the numbers after those buffered (from <paramref name="nextNumber"/>, the grain's next trial
    /// number, when none is) until <paramref name="wanted"/>, at most the buffer's depth, are buffered. The grain
    /// passes how many more trials its budget allows, so no draw is wasted at the end of a campaign.
    /// </summary>
    public void Fill(int nextNumber, int wanted)
    {
        if (_drawn.Count == 0) _nextToDraw = Math.Max(_nextToDraw, nextNumber);
        while (_drawn.Count < Math.Min(wanted, depth)) _drawn.Enqueue((_nextToDraw, Draw()));
    }

    /// <summary>Forgets everything buffered (the search is exhausted); draws in flight finish unseen.</summary>
    public void Clear() => _drawn.Clear();

    private Task<Candidate> Draw()
    {
        var number = _nextToDraw++;
        // Not the grain's scheduler: that would run the draw inside a grain turn, which is what this avoids. A
        // simulator passes its own, deterministic one.
        var draw = _last.ContinueWith(_ => search.Next(number), CancellationToken.None,
            TaskContinuationOptions.DenyChildAttach, _scheduler);
        _last = draw;
        return draw;
    }
}
