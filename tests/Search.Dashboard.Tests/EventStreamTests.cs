using System.Net;
using System.Text.Json;
using NinSearch.Abstractions;
using NinSearch.Dashboard.Events;
using NinSearch.Dashboard.Tests.Infrastructure;
using NinSearch.Spec;
using NinSearch.Store.ReadModel;
using static NinSearch.Dashboard.Tests.Infrastructure.Api;
using static NinSearch.Dashboard.Tests.Infrastructure.TestCampaigns;

namespace NinSearch.Dashboard.Tests;

/// <summary>The Server-Sent Events stream, fed by the campaign grain's observer.</summary>
[Collection(DashboardCollection.Name)]
public sealed class EventStreamTests(DashboardFixture fixture)
{
    [Fact]
    public async Task A_client_sees_the_snapshot_then_every_update_in_order_until_the_campaign_ends()
    {
        using var http = fixture.Authorized();
        var id = (await ReadAsync<CampaignSummary>(await http.PostAsync("/api/v1/campaigns", Json(Small("events", maxTrials: 2))), HttpStatusCode.Created)).Id;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var response = await http.GetAsync($"/api/v1/campaigns/{id}/events", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var events = new ServerSentEvents(await response.Content.ReadAsStreamAsync(timeout.Token));

        var snapshot = await events.NextAsync(timeout.Token);
        Assert.Equal("snapshot", snapshot?.Event);
        var summary = JsonSerializer.Deserialize<CampaignSummary>(snapshot!.Data, SpecJson.Options)!;
        Assert.Equal((id, CampaignStatus.Running), (summary.Id, summary.Status));

        var received = new List<(SseMessage Message, CampaignUpdate Update)>();
        var worker = await fixture.StartWorkerAsync("w-events");
        try
        {
            while (await events.NextAsync(timeout.Token) is { } message)
                received.Add((message, JsonSerializer.Deserialize<CampaignUpdate>(message.Data, SpecJson.Options)!));
        }
        finally
        {
            await worker.StopAsync(CancellationToken.None);
        }

        Assert.All(received, r => Assert.Equal((r.Message.Event, id), (CampaignEventStream.EventName(r.Update.Kind), r.Update.CampaignId)));
        Assert.Equal("campaign_ended", received[^1].Message.Event);
        Assert.Equal(CampaignStatus.Completed, received[^1].Update.Snapshot.State);
        var ids = received.Select(r => long.Parse(r.Message.Id!)).ToList();
        Assert.Equal(ids.Order(), ids);
        Assert.Equal(ids.Distinct().Count(), ids.Count);
        foreach (var number in new[] { 0, 1 })
        {
            var kinds = received.Where(r => r.Update.TrialNumber == number).Select(r => r.Message.Event).ToList();
            Assert.Equal(["trial_leased", "epoch_reported", "epoch_reported", "epoch_reported", "trial_ended"], kinds);
            var epochs = received.Where(r => r.Update.TrialNumber == number && r.Update.Epoch is not null).Select(r => r.Update.Epoch!.Epoch);
            Assert.Equal([1, 2, 3], epochs);
        }
    }

    [Fact]
    public async Task The_stream_of_an_ended_campaign_is_its_snapshot_alone()
    {
        using var http = fixture.Authorized();
        var id = (await ReadAsync<CampaignSummary>(await http.PostAsync("/api/v1/campaigns", Json(Small("ended events"))), HttpStatusCode.Created)).Id;
        await http.PostAsync($"/api/v1/campaigns/{id}/cancel", null);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        using var response = await http.GetAsync($"/api/v1/campaigns/{id}/events", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        var events = new ServerSentEvents(await response.Content.ReadAsStreamAsync(timeout.Token));

        var snapshot = await events.NextAsync(timeout.Token);
        Assert.Equal("snapshot", snapshot?.Event);
        Assert.Equal(CampaignStatus.Cancelled, JsonSerializer.Deserialize<CampaignSummary>(snapshot!.Data, SpecJson.Options)!.Status);
        Assert.Null(await events.NextAsync(timeout.Token));
    }

    [Fact]
    public async Task A_cancelled_campaign_ends_its_open_streams_and_the_last_client_leaving_ends_the_subscription()
    {
        using var http = fixture.Authorized();
        var id = (await ReadAsync<CampaignSummary>(await http.PostAsync("/api/v1/campaigns", Json(Small("two clients"))), HttpStatusCode.Created)).Id;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var hub = (CampaignEventHub)fixture.Factory.Services.GetService(typeof(CampaignEventHub))!;

        using var first = await http.GetAsync($"/api/v1/campaigns/{id}/events", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        using var second = await http.GetAsync($"/api/v1/campaigns/{id}/events", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        var streams = new[] { first, second }.Select(r => new ServerSentEvents(r.Content.ReadAsStream(timeout.Token))).ToArray();
        foreach (var stream in streams) Assert.Equal("snapshot", (await stream.NextAsync(timeout.Token))?.Event);
        Assert.True(hub.ActiveFeeds >= 1);

        await http.PostAsync($"/api/v1/campaigns/{id}/cancel", Json("""{"reason": "stop streaming"}"""));

        foreach (var stream in streams)
        {
            var ended = await stream.NextAsync(timeout.Token);
            Assert.Equal("campaign_ended", ended?.Event);
            Assert.Equal("stop streaming", JsonSerializer.Deserialize<CampaignUpdate>(ended!.Data, SpecJson.Options)!.Snapshot.Reason);
            Assert.Null(await stream.NextAsync(timeout.Token));
        }
        Assert.True(await EventuallyAsync(() => Task.FromResult(hub.ActiveFeeds == 0), TimeSpan.FromSeconds(10)), "the feed outlived its last client");
    }
}
