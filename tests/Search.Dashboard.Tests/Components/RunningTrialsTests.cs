using Bunit;
using NinSearch.Dashboard.Components.Campaign;
using NinSearch.Dashboard.Ui;
using NinSearch.Spec;
using static NinSearch.Dashboard.Tests.Live.LiveCampaigns;

namespace NinSearch.Dashboard.Tests.Components;

public sealed class RunningTrialsTests : ComponentTest
{
    [Fact]
    public void Each_worker_lists_its_trials_with_their_epoch_and_links_and_its_name_is_escaped()
    {
        var campaign = Create(
            [Trial(0, TrialStatus.Running, 0.5, 0.625), Trial(1, TrialStatus.Running), Trial(2, TrialStatus.Complete, 0.9)],
            [Running(0, "<b>gpu-box</b>"), Running(1, "cpu-box")]);

        var view = Render<RunningTrials>(parameters => parameters
            .Add(r => r.CampaignId, Id)
            .Add(r => r.Workers, campaign.RunningByWorker()));

        var workers = view.FindAll("[role=listitem]");
        Assert.Equal(2, workers.Count);
        Assert.Contains("&lt;b&gt;gpu-box&lt;/b&gt;", workers[0].InnerHtml);
        Assert.Empty(view.FindAll("b"));
        Assert.Contains("epoch 2", workers[0].TextContent);
        Assert.Contains("62.50%", workers[0].TextContent);
        Assert.Equal(DashboardRoutes.Trial(Id, 0), workers[0].QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("cpu-box", workers[1].TextContent);
    }

    [Fact]
    public void Without_running_trials_it_says_so()
    {
        var view = Render<RunningTrials>(parameters => parameters.Add(r => r.CampaignId, Id).Add(r => r.Workers, []));
        Assert.Contains("No trial is running.", view.Markup);
    }
}
