using NinSearch.Abstractions;
using NinSearch.Silo.Search;
using NinSearch.Spec;

namespace NinSearch.Silo.Tests;

/// <summary>The campaign's candidates drawn ahead of its leases (no cluster needed).</summary>
public sealed class CandidateBufferTests
{
    [Fact]
    public async Task Draws_run_one_at_a_time_in_number_order_and_a_lease_takes_the_buffered_one()
    {
        var search = new RecordingSearch();
        var buffer = new CandidateBuffer(search, depth: 3);

        var first = buffer.Take(0);
        buffer.Fill(1, wanted: int.MaxValue);
        Assert.Equal(3, buffer.Count);
        var candidates = new List<Candidate> { await first };
        for (var number = 1; number <= 3; number++)
        {
            candidates.Add(await buffer.Take(number));
            buffer.Fill(number + 1, wanted: int.MaxValue);
        }

        for (var number = 4; number <= 6; number++) await buffer.Take(number); // the three drawn ahead of the last lease

        Assert.Equal([0, 1, 2, 3, 4, 5, 6], search.Drawn);
        Assert.Equal(1, search.MostAtOnce);
        Assert.Equal([0L, 1, 2, 3], candidates.Select(c => ((Candidate.Accepted)c).Config.Training.Seed));
    }

    [Fact]
    public async Task Nothing_is_drawn_past_what_the_budget_allows_and_a_number_is_never_drawn_twice()
    {
        var search = new RecordingSearch();
        var buffer = new CandidateBuffer(search, depth: 4);
        await buffer.Take(0);
        buffer.Fill(1, wanted: 1);
        await buffer.Take(1);
        buffer.Fill(2, wanted: 0);

        Assert.Equal([0, 1], search.Drawn);
        Assert.Throws<InvalidOperationException>(() => { _ = buffer.Take(1); });
    }

    [Fact]
    public void Draws_run_on_the_scheduler_it_is_given_and_only_when_that_scheduler_runs_them()
    {
        var search = new RecordingSearch();
        var scheduler = new StepScheduler();
        var buffer = new CandidateBuffer(search, depth: 2, scheduler);

        var first = buffer.Take(0);
        buffer.Fill(1, wanted: int.MaxValue);
        Assert.False(first.IsCompleted);
        Assert.Empty(search.Drawn);

        Assert.True(scheduler.RunNext());
        Assert.Equal([0], search.Drawn);
        Assert.True(first.IsCompletedSuccessfully);
        while (scheduler.RunNext()) { }
        Assert.Equal([0, 1, 2], search.Drawn);
    }

    /// <summary>Queues tasks and runs them one at a time when told: how a simulator makes draws deterministic.</summary>
    private sealed class StepScheduler : TaskScheduler
    {
        private readonly Queue<Task> _queued = new();

        public bool RunNext() => _queued.TryDequeue(out var task) && TryExecuteTask(task);

        protected override void QueueTask(Task task) => _queued.Enqueue(task);

        protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) => false;

        protected override IEnumerable<Task> GetScheduledTasks() => _queued;
    }

    private sealed class RecordingSearch : ICampaignSearch
    {
        private int _running;

        public List<int> Drawn { get; } = [];
        public int MostAtOnce { get; private set; }

        public Candidate Next(int trialNumber)
        {
            var now = Interlocked.Increment(ref _running);
            lock (Drawn)
            {
                MostAtOnce = Math.Max(MostAtOnce, now);
                Drawn.Add(trialNumber);
            }
            Interlocked.Decrement(ref _running);
            var config = new TrialConfig(Presets.Small, TrainingRecipe.Default with { Seed = trialNumber });
            return new Candidate.Accepted(config, 1, 1);
        }

        public EpochReply OnEpoch(int trialNumber, int epoch, double validationAccuracy) => EpochReply.Continue;

        public void Tell(int trialNumber, TrialStatus status, double? bestValidationAccuracy, int epochs) { }

        public void Rebuild(SearchHistory history) { }
    }
}
