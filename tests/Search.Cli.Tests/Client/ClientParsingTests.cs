using System.CommandLine;

namespace NinSearch.Cli.Tests.Client;

/// <summary>How the client verbs' command lines parse, before anything is sent.</summary>
public sealed class ClientParsingTests
{
    private static ParseResult Parse(params string[] args) => CliApp.Create().Parse(args);

    [Theory]
    [InlineData("campaign", "compare", "c1", "1", "2")]
    [InlineData("campaign", "compare", "c1", "1", "2", "3", "4")]
    [InlineData("campaign", "leaderboard", "c1", "--sort", "test_accuracy", "--order", "asc", "--status", "complete", "--limit", "10", "--offset", "20")]
    [InlineData("campaign", "leaderboard", "c1", "--sort", "train-seconds")]
    [InlineData("campaign", "submit", "--spec", "f.json", "--watch", "--json")]
    [InlineData("campaign", "cancel", "c1", "--reason", "enough", "--token", "t", "--server", "http://h:1")]
    [InlineData("campaign", "export", "c1", "--trial", "3", "--out", "dir", "--zip")]
    [InlineData("campaign", "watch", "c1", "--run-dir", "elsewhere")]
    [InlineData("workers", "--json")]
    [InlineData("up", "--workers", "2", "--runner", "noop")]
    [InlineData("up", "--runner", "no_op")]
    public void Valid_command_lines_parse(params string[] args) => Assert.Empty(Parse(args).Errors);

    [Theory]
    [InlineData("campaign", "compare", "c1", "1")]
    [InlineData("campaign", "compare", "c1", "1", "2", "3", "4", "5")]
    [InlineData("campaign", "compare", "c1", "1", "1")]
    [InlineData("campaign", "compare", "c1", "1", "x")]
    [InlineData("campaign", "leaderboard", "c1", "--sort", "accuracy")]
    [InlineData("campaign", "leaderboard", "c1", "--order", "up")]
    [InlineData("campaign", "leaderboard", "c1", "--limit", "0")]
    [InlineData("campaign", "leaderboard", "c1", "--offset", "-1")]
    [InlineData("campaign", "leaderboard", "c1", "--status", "done")]
    [InlineData("campaign", "submit")]
    [InlineData("campaign", "export", "c1")]
    [InlineData("campaign", "show")]
    [InlineData("up", "--runner", "fast")]
    public void Invalid_command_lines_are_refused(params string[] args) => Assert.NotEmpty(Parse(args).Errors);

    [Fact]
    public void Sort_and_status_values_are_the_apis_snake_case_names()
    {
        var result = Parse("campaign", "leaderboard", "c1", "--sort", "parameter_count", "--status", "pruned");
        var leaderboard = result.CommandResult.Command;

        Assert.Equal(NinSearch.Store.ReadModel.LeaderboardSort.ParameterCount, result.GetValue<NinSearch.Store.ReadModel.LeaderboardSort?>("--sort"));
        Assert.Equal(NinSearch.Spec.TrialStatus.Pruned, result.GetValue<NinSearch.Spec.TrialStatus?>("--status"));
        Assert.Equal("leaderboard", leaderboard.Name);
    }
}
