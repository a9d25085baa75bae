using System.Text.Json.Nodes;

namespace NinSearch.Dashboard.Tests.Infrastructure;

/// <summary>Campaign documents for the tests: campaigns/demo.json made small (random sampler, no early stopping).</summary>
public static class TestCampaigns
{
    private static readonly string Demo = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "campaigns", "demo.json"));

    /// <summary>The demo campaign as a JSON tree, to change before sending.</summary>
    public static JsonObject DemoTree() => JsonNode.Parse(Demo)!.AsObject();

    /// <summary>A valid document: <paramref name="maxTrials"/> trials, random sampler, FIFO scheduler.</summary>
    public static JsonObject Small(string name = "API test", int maxTrials = 3)
    {
        var demo = DemoTree();
        demo["name"] = name;
        demo["budget"] = new JsonObject { ["max_trials"] = maxTrials };
        var search = demo["search"]!.AsObject();
        search["sampler"] = "random";
        search["scheduler"] = "fifo";
        search.Remove("scheduler_options");
        return demo;
    }

    public static StringContent Json(JsonNode document) => Json(document.ToJsonString());

    public static StringContent Json(string text) => new(text, System.Text.Encoding.UTF8, "application/json");
}
