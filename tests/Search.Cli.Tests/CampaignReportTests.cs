using NinSearch.Cli.Campaigns;

namespace NinSearch.Cli.Tests;

/// <summary><c>campaign run</c>'s exit code: a script must not read a campaign whose every trial failed as a success.</summary>
public class CampaignReportTests
{
    private static CampaignReport Report(string state, int completed, int pruned, int failed) =>
        new("c", state, null, completed + pruned + failed, completed, pruned, failed, 0, 0, null, null, null, null, 1, "sqlite");

    [Theory]
    [InlineData("completed", 2, 0, 1, 0)]
    [InlineData("completed", 0, 3, 0, 0)]
    [InlineData("completed", 0, 0, 0, 0)]
    [InlineData("completed", 0, 0, 4, 1)]   // every trial failed: an unreadable dataset ends this way
    [InlineData("failed", 1, 0, 0, 1)]
    [InlineData("cancelled", 1, 0, 0, 1)]
    public void Exit_code_is_zero_only_for_a_completed_campaign_with_a_trial_that_did_not_fail(string state, int completed, int pruned, int failed, int exit) =>
        Assert.Equal(exit, Report(state, completed, pruned, failed).ExitCode);
}
