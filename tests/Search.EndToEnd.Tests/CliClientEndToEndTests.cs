using System.Diagnostics;
using System.Text.Json;
using Xunit.Abstractions;

namespace NinSearch.EndToEnd.Tests;

/// <summary>
/// The CLI client against a real server: <c>nin-search up --workers 2 --runner noop</c> runs as its own process on a
/// temporary run folder (silo, REST API, two no-op workers), and every client verb runs as a separate process that
/// finds the server and token through that folder, as a user's shell would: submit, list, watch to the end, show,
/// leaderboard and compare read back, cancel of a second campaign, a bad spec and a wrong token refused in one line.
/// </summary>
public sealed class CliClientEndToEndTests(ITestOutputHelper log) : IAsyncLifetime
{
    private static readonly TimeSpan VerbTimeout = TimeSpan.FromMinutes(2);

    private readonly string runs = Directory.CreateTempSubdirectory("ninsearch-e2e-cli-").FullName;
    private ServiceProcess? up;

    public async Task InitializeAsync()
    {
        up = ServiceProcess.Start("up", new Dictionary<string, string> { ["DOTNET_gcServer"] = "0" },
            "up", "--workers", "2", "--runner", "noop", "--run-dir", runs);
        var url = Path.Combine(runs, "dashboard.url");
        var clock = Stopwatch.StartNew();
        while (!File.Exists(url) || File.ReadAllText(url).Trim().Length == 0)
        {
            if (up.HasExited) throw new InvalidOperationException($"nin-search up exited before writing {url}:\n{up.Output}");
            if (clock.Elapsed > TimeSpan.FromMinutes(2)) throw new TimeoutException($"nin-search up wrote no {url} within 2 minutes:\n{up.Output}");
            await Task.Delay(250);
        }
        log.WriteLine($"nin-search up serves {File.ReadAllText(url).Trim()}");
    }

    public async Task DisposeAsync()
    {
        if (up is not null)
        {
            // SIGTERM: `up` stops its workers, dashboard and silo (UpSignalTests); the tree is killed if it overstays.
            await up.StopAsync(TimeSpan.FromSeconds(15));
            log.WriteLine(up.Output.Length > 6000 ? up.Output[^6000..] : up.Output);
            up.Dispose();
        }
        Directory.Delete(runs, recursive: true);
    }

    [Fact]
    public async Task Client_verbs_drive_a_campaign_through_the_rest_api()
    {
        // Submit: validated here, then posted; the name is kept as written (markup and HTML included).
        var tiny = Spec("tiny.json", """{"name":"e2e [red]tiny[/] <b>","search":{"preset":"nin-small","epochs":2},"budget":{"max_trials":3}}""");
        var submitted = Json(await Ok("campaign", "submit", "--spec", tiny, "--json"));
        var id = submitted.GetProperty("id").GetString()!;
        Assert.Equal("e2e [red]tiny[/] <b>", submitted.GetProperty("name").GetString());

        // List: the campaign is there, in JSON and, escaped, in the table.
        var listed = Json(await Ok("campaign", "list", "--json"));
        Assert.Contains(listed.EnumerateArray(), c => c.GetProperty("id").GetString() == id);
        Assert.Contains("e2e [red]tiny[/] <b>", (await Ok("campaign", "list")).Out);

        // Watch: follows the event stream until the campaign completes, then exits 0.
        var watched = await Ok("campaign", "watch", id);
        Assert.Contains($"campaign {id} completed", watched.Out);

        // Show, leaderboard, compare: the three trials, complete, best first.
        var shown = Json(await Ok("campaign", "show", id, "--json")).GetProperty("campaign");
        Assert.Equal("completed", shown.GetProperty("status").GetString());
        Assert.Equal(3, shown.GetProperty("progress").GetProperty("trials_complete").GetInt32());
        Assert.Equal(6, shown.GetProperty("progress").GetProperty("epochs_used").GetInt64());
        var board = Json(await Ok("campaign", "leaderboard", id, "--json"));
        var entries = board.GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(3, board.GetProperty("total").GetInt32());
        Assert.All(entries, e => Assert.Equal("complete", e.GetProperty("status").GetString()));
        Assert.All(entries, e => Assert.Equal(2, e.GetProperty("epochs").GetInt32()));
        var accuracies = entries.Select(e => e.GetProperty("best_validation_accuracy").GetDouble()).ToList();
        Assert.Equal(accuracies.OrderDescending(), accuracies);
        Assert.Equal(shown.GetProperty("best").GetProperty("number").GetInt32(), entries[0].GetProperty("number").GetInt32());
        var numbers = entries.Select(e => e.GetProperty("number").GetInt32()).ToList();
        var ascending = Json(await Ok("campaign", "leaderboard", id, "--sort", "number", "--order", "asc", "--limit", "2", "--json"));
        Assert.Equal(numbers.Order().Take(2), ascending.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("number").GetInt32()));
        var compared = Json(await Ok("campaign", "compare", id, numbers[0].ToString(), numbers[1].ToString(), "--json"));
        Assert.Equal(numbers.Take(2), compared.GetProperty("trials").EnumerateArray().Select(t => t.GetProperty("trial").GetProperty("number").GetInt32()));
        Assert.Contains($"trial #{numbers[1]}", (await Ok("campaign", "compare", id, numbers[0].ToString(), numbers[1].ToString())).Out);

        // Workers: the two local no-op workers registered.
        Assert.Equal(2, Json(await Ok("workers", "--json")).GetArrayLength());

        // Cancel: a long campaign stops as cancelled, and watching it then exits 1.
        var endless = Spec("endless.json", """{"name":"endless","search":{"preset":"nin-small","epochs":3},"budget":{"max_trials":1000000}}""");
        var second = (await Ok("campaign", "submit", "--spec", endless)).Out.Trim();
        // Ctrl+C while watching stops watching, says so, and leaves the campaign running.
        var interrupted = await CliProcess.InterruptAsync(VerbTimeout, line => line.Contains("trials "), "campaign", "watch", second, "--run-dir", runs);
        Assert.True(interrupted.Exit == 130, interrupted.ToString());
        Assert.Contains($"stopped watching; campaign {second} keeps running", interrupted.Err);
        Assert.Equal("running", Json(await Ok("campaign", "show", second, "--json")).GetProperty("campaign").GetProperty("status").GetString());
        var cancelled = await Ok("campaign", "cancel", second, "--reason", "enough for the test");
        Assert.Contains($"campaign {second} cancelled", cancelled.Out);
        Assert.Equal("cancelled", Json(await Ok("campaign", "show", second, "--json")).GetProperty("campaign").GetProperty("status").GetString());
        var watchCancelled = await Cli("campaign", "watch", second);
        Assert.True(watchCancelled.Exit == 1, watchCancelled.ToString());

        // A bad spec: refused with the field's path, in lines, no stack trace.
        var bad = Spec("bad.json", """{"name":"bad","search":{"preset":"nin-small"},"budget":{"max_trials":0}}""");
        var refused = await Cli("campaign", "submit", "--spec", bad);
        Assert.True(refused.Exit == 2, refused.ToString());
        Assert.Contains("budget.max_trials: must be > 0", refused.Err);
        Assert.DoesNotContain("   at ", refused.Err);
        Assert.Empty(refused.Out);

        // A wrong token: 403, said in one line that names where the token came from, never the token.
        var forbidden = await Cli("campaign", "cancel", id, "--token", "not-the-token-42");
        Assert.True(forbidden.Exit == 2, forbidden.ToString());
        Assert.StartsWith("nin-search: ", forbidden.Err);
        Assert.Contains("refused the API token from --token", forbidden.Err);
        Assert.DoesNotContain("not-the-token-42", forbidden.Err);
        Assert.Single(forbidden.Err.Trim().Split('\n'));
    }

    private string Spec(string name, string json)
    {
        var path = Path.Combine(runs, name);
        File.WriteAllText(path, json);
        return path;
    }

    private Task<CliProcess.Result> Cli(params string[] arguments) => CliProcess.RunAsync(VerbTimeout, [.. arguments, "--run-dir", runs]);

    private async Task<CliProcess.Result> Ok(params string[] arguments)
    {
        var result = await Cli(arguments);
        log.WriteLine(result.ToString());
        Assert.True(result.Exit == 0, result.ToString());
        return result;
    }

    private static JsonElement Json(CliProcess.Result result)
    {
        try
        {
            return JsonDocument.Parse(result.Out).RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new Xunit.Sdk.XunitException($"stdout is not one JSON document ({e.Message}):\n{result}");
        }
    }
}
