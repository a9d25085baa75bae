using Bunit;
using Microsoft.Extensions.DependencyInjection;
using NinSearch.Dashboard.Components.Shared;
using NinSearch.Dashboard.Ui;

namespace NinSearch.Dashboard.Tests.Components;

public sealed class TokenFormTests : ComponentTest
{
    [Fact]
    public void A_wrong_token_is_refused_with_a_message_and_not_kept()
    {
        var accepted = false;
        var form = Render<TokenForm>(parameters => parameters.Add(f => f.Accepted, () => accepted = true));

        form.Find("input").Input("not-the-token-at-all");
        form.FindAll("button").Single(b => b.TextContent.Contains("Use token")).Click();

        Assert.Contains("not this dashboard's API token", form.Markup);
        Assert.False(accepted);
        Assert.False(Services.GetRequiredService<DashboardSession>().HasToken);
        Assert.DoesNotContain(JSInterop.Invocations, i => i.Identifier == "ninSearch.session.set");
    }

    [Fact]
    public void The_right_token_is_kept_for_the_tab_in_session_storage()
    {
        var accepted = false;
        var form = Render<TokenForm>(parameters => parameters.Add(f => f.Accepted, () => accepted = true));

        form.Find("input").Input(Token);
        form.FindAll("button").Single(b => b.TextContent.Contains("Use token")).Click();

        Assert.True(accepted);
        var session = Services.GetRequiredService<DashboardSession>();
        Assert.True(session.HasToken && session.CanWrite);
        Assert.Equal([Token], JSInterop.Invocations.Single(i => i.Identifier == "ninSearch.session.set").Arguments);
    }
}
