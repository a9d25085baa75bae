using System.Text;
using NinSearch.Cli.Client;

namespace NinSearch.Cli.Tests.Client;

public sealed class ServerSentEventReaderTests
{
    private static async Task<List<ServerSentEvent>> ReadAsync(string text)
    {
        var events = new List<ServerSentEvent>();
        await foreach (var e in ServerSentEventReader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(text)))) events.Add(e);
        return events;
    }

    [Fact]
    public async Task Reads_typed_events_with_ids_and_skips_comments()
    {
        var events = await ReadAsync(": keep-alive\n\nid: 1\nevent: snapshot\ndata: {\"a\":1}\n\n:ping\nid: 2\nevent: trial_leased\ndata: {\"b\":2}\n\n");

        Assert.Equal([new("snapshot", "{\"a\":1}", "1"), new("trial_leased", "{\"b\":2}", "2")], events);
    }

    [Fact]
    public async Task Joins_data_lines_and_takes_one_optional_space_after_the_colon()
    {
        var events = await ReadAsync("data:first\ndata:  second\ndata\n\n");

        Assert.Equal("first\n second\n", Assert.Single(events).Data);
        Assert.Equal("message", events[0].Event);
    }

    [Fact]
    public async Task Accepts_crlf_and_cr_line_ends()
    {
        var events = await ReadAsync("event: a\r\ndata: 1\r\n\r\nevent: b\rdata: 2\r\r");

        Assert.Equal(["a:1", "b:2"], events.Select(e => $"{e.Event}:{e.Data}"));
    }

    [Fact]
    public async Task Keeps_the_last_id_ignores_retry_and_unknown_fields_and_events_without_data()
    {
        var events = await ReadAsync("id: 7\nretry: 1000\nevent: no_data\n\nfoo: bar\nevent: x\ndata: 1\n\n");

        Assert.Equal(new ServerSentEvent("x", "1", "7"), Assert.Single(events));
    }

    [Fact]
    public async Task Drops_an_event_the_stream_cut_off_before_its_blank_line()
    {
        var events = await ReadAsync("event: a\ndata: 1\n\nevent: b\ndata: {\"half\":");

        Assert.Equal("a", Assert.Single(events).Event);
    }
}
