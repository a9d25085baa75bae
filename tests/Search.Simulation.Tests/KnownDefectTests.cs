using NinSearch.Simulation.Cluster;

namespace NinSearch.Simulation.Tests;

/// <summary>
/// One seed per defect the simulator found (see <see cref="KnownDefects"/>; traces in the Skip reasons' findings), each
/// skipped until its fix lands: then it must pass, and joins the CI set.
/// </summary>
public sealed class KnownDefectTests
{
    private static readonly SimulationOptions Real = new() { Coordinator = RealCoordinator.Factory };

    [Theory]
    [InlineData(2)]     // crash right after CreateCampaignAsync: Draft for ever
    [InlineData(194)]   // SaveCampaignStateAsync(Running) fails after commit: memory Draft, row Running
    [InlineData(1068)]  // AddEventAsync fails after the Running save: BeginRunningAsync never runs (no sweeps)
    [InlineData(5192)]  // two Starts interleave: the second's Load resets memory to Draft after the first saved Running
    public void A_start_that_failed_half_way_is_finished_by_the_retry(long seed) => AssertPasses(seed);

    [Theory]
    [InlineData(1202)]  // 8 epochs recorded for a budget of 6 (one worker slot)
    [InlineData(6)]     // memory epochs 4, store 5
    public void An_epoch_whose_recording_reply_was_lost_is_counted_once(long seed) => AssertPasses(seed);

    [Theory]
    [InlineData(955)]   // a refresh and a give-up time out: the row stays Waiting, memory never closes it
    [InlineData(27889)] // a give-up's CloseTrialAsync times out after commit
    public void A_lost_sweep_or_give_up_reply_does_not_wedge_the_campaign(long seed) => AssertPasses(seed);

    [Theory]
    [InlineData(61963)]
    public void A_duplicated_fault_release_counts_one_failed_attempt(long seed) => AssertPasses(seed);

    [Theory]
    [InlineData(61)]    // rejected insert
    [InlineData(167)]   // lease takeover
    [InlineData(544)]   // the cancel's save
    public void Memory_agrees_with_the_store_after_writes_that_failed_once_committed(long seed) => AssertPasses(seed);

    [Theory]
    [InlineData(403)]
    public void Closing_an_expired_trial_counts_its_failed_attempt_in_memory_too(long seed) => AssertPasses(seed);

    [Theory]
    [InlineData(318226)]
    public void A_renewal_the_store_refused_is_reported_lost(long seed) => AssertPasses(seed);

    [Theory]
    [InlineData(19341)]
    public void No_lease_is_written_after_the_stored_wall_clock_deadline(long seed) => AssertPasses(seed);

    [Theory]
    [InlineData(56436)]
    public void An_ended_campaign_leaves_no_trial_running(long seed) => AssertPasses(seed);

    [Theory]
    [InlineData(251)]   // an event write failing in the sweep left the later expired trials Running in memory
    [InlineData(263)]
    public void A_failed_event_write_in_the_sweep_leaves_no_expiry_unapplied(long seed) => AssertPasses(seed);

    [Theory]
    [InlineData(987)]   // RecordEpochAsync committed, its reply failed, and no retry came: memory one epoch behind
    public void An_epoch_whose_reply_failed_and_was_never_retried_is_counted(long seed) => AssertPasses(seed);

    [Theory]
    [InlineData(1316)]  // the row read after a failed RecordEpochAsync came back after the trial's finish: memory Running again
    [InlineData(3859)]
    [InlineData(4337)]
    [InlineData(46230)] // campaign never ended
    [InlineData(5851)]  // a takeover applied after a refresh had taken its row counted the expiry twice
    public void A_row_read_before_a_later_write_does_not_roll_memory_back(long seed) => AssertPasses(seed);

    [Theory]
    [InlineData(5385)]  // a fault release of an expired lease landed before the takeover's write: the failure counted twice
    [InlineData(7235)]
    [InlineData(28344)]
    public void A_takeover_racing_the_release_of_the_lease_it_takes_over_counts_one_failure(long seed) => AssertPasses(seed);

    [Theory]
    [InlineData(89506)] // a renewal's re-read, issued before a release was applied, put the released trial back to Running
    public void A_row_read_across_a_change_of_memory_is_read_again(long seed) => AssertPasses(seed);

    [Theory]
    [InlineData(21124)] // a release committed, its reply lost; the takeover found the row Waiting: memory counted a failure
    [InlineData(26163)]
    [InlineData(66812)]
    [InlineData(972)]   // the sweep expired the lease while the takeover was in flight: that failure was not counted
    [InlineData(92553)] // an expiry applied while a takeover was in flight left the slot Running: a give-up counted it again
    [InlineData(9530)]
    public void A_takeover_counts_a_failure_only_when_the_store_says_it_took_over(long seed) => AssertPasses(seed);

    [Theory]
    [InlineData(117226)] // the lease was released (reply lost) before the give-up closed the row: the expiry counted twice
    [InlineData(242202)]
    public void A_give_up_of_an_expired_lease_takes_the_stores_count(long seed) => AssertPasses(seed);

    [Theory]
    [InlineData(747336)] // a close at the end found a lease memory never heard of, expired: the store counted it, memory not
    [InlineData(332821)]
    public void A_closed_trial_takes_the_stores_count_of_failed_attempts(long seed) => AssertPasses(seed);

    [Theory]
    [InlineData(133916)] // a fault release committed, its reply timed out and the worker gave up: memory held it running
    [InlineData(418259)]
    [InlineData(954712)]
    public void A_release_whose_reply_was_lost_leaves_the_trial_to_resume(long seed) => AssertPasses(seed);

    private static void AssertPasses(long seed)
    {
        var outcome = Simulator.Run(seed, Real);
        Assert.True(outcome.Passed, $"seed {seed}: {outcome.Violation?.Message}");
    }
}
