using NinSearch.Dashboard.Apis;
using NinSearch.Dashboard.Auth;
using NinSearch.Dashboard.Hosting;
using NinSearch.Spec;
using NinSearch.Store.ReadModel;

namespace NinSearch.Dashboard.Tests;

public sealed class ParsingTests
{
    [Theory]
    [InlineData("Fashion Demo #1!", "fashion-demo-1")]
    [InlineData("  --ASHA__run--  ", "asha-run")]
    [InlineData("Ünïcødé ✓ 名前", "n-c-d")]
    [InlineData("", "campaign")]
    [InlineData("!!!", "campaign")]
    [InlineData("<script>alert('x')</script>", "script-alert-x-script")]
    public void A_name_slugs_to_lowercase_letters_digits_and_dashes(string name, string slug) => Assert.Equal(slug, CampaignIds.Slug(name));

    [Fact]
    public void A_long_name_slugs_to_forty_characters_and_the_id_adds_time_and_randomness()
    {
        Assert.Equal(new string('a', 40), CampaignIds.Slug(new string('a', 200)));
        var id = CampaignIds.Create("Demo", new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.FromHours(2)));
        Assert.Matches("^demo-20260304-030607-[0-9a-f]{4}$", id);
    }

    [Fact]
    public void Leaderboard_defaults_and_values_parse()
    {
        Assert.True(LeaderboardParameters.TryParse(null, null, null, null, null, null, null, null, out var defaults, out _));
        Assert.Equal(new LeaderboardQuery(), defaults);
        Assert.True(LeaderboardParameters.TryParse("parameter_count", "asc", "pruned", "0.5", "1000", "2000", "10", "5", out var query, out _));
        Assert.Equal(new LeaderboardQuery(LeaderboardSort.ParameterCount, false, TrialStatus.Pruned, 0.5, 1000, 2000, 10, 5), query);
    }

    [Theory]
    [InlineData("3,5", new[] { 3, 5 })]
    [InlineData(" 0 , 7,9 ,11", new[] { 0, 7, 9, 11 })]
    public void Trial_numbers_parse(string text, int[] numbers)
    {
        Assert.True(TrialsApi.TryParseNumbers(text, out var parsed, out _));
        Assert.Equal(numbers, parsed);
    }

    [Fact]
    public void The_token_matches_only_itself_and_never_shows()
    {
        var token = ApiToken.From(new ApiOptions { Token = "0123456789abcdef-secret" });
        Assert.True(token.Matches("0123456789abcdef-secret"));
        Assert.False(token.Matches("0123456789abcdef-secreT"));
        Assert.False(token.Matches(""));
        Assert.DoesNotContain("secret", token.ToString());
        Assert.False(ApiToken.From(new ApiOptions()).Matches(""));
        Assert.Equal(43, ApiToken.Generate().Length);
    }

    [Fact]
    public void Token_settings_are_checked()
    {
        Assert.Contains(new ApiOptions { Token = "short" }.Validate(), e => e.Contains("at least 16"));
        Assert.Contains(new ApiOptions { Token = "0123456789abcdef", TokenFile = "/x" }.Validate(), e => e.Contains("not both"));
        Assert.Contains(new ApiOptions { TokenFile = "/no/such/file" }.Validate(), e => e.Contains("does not exist"));
        Assert.Empty(new ApiOptions().Validate());
    }
}
