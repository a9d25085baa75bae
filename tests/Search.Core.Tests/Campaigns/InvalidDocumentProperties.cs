using System.Diagnostics;
using System.Text.Json.Nodes;
using CsCheck;
using NinSearch.Core.Campaigns;

namespace NinSearch.Core.Tests.Campaigns;

/// <summary>
/// Property: documents that are invalid by construction are all refused cleanly, by both the API's validator and the
/// silo's start check: a result with errors that name a path, never another exception, never a slow answer.
/// </summary>
public class InvalidDocumentProperties
{
    private static readonly string DemoJson = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "campaigns", "demo.json")).TrimEnd();

    // Every object of the demo, by a stable index, so a generator can pick one.
    private static List<JsonObject> Objects(JsonNode root)
    {
        var objects = new List<JsonObject>();
        void Walk(JsonNode? node)
        {
            if (node is JsonObject o) { objects.Add(o); foreach (var (_, child) in o) Walk(child); }
            else if (node is JsonArray a) foreach (var child in a) Walk(child);
        }
        Walk(root);
        return objects;
    }

    private static readonly int ObjectCount = Objects(JsonNode.Parse(DemoJson)!).Count;

    // Unknown fields are refused in every object of the document.
    private static readonly Gen<string> UnknownField = Gen.Select(Gen.Int[0, ObjectCount - 1], Gen.String[Gen.Char.AlphaNumeric, 1, 12])
        .Select((at, name) =>
        {
            var root = JsonNode.Parse(DemoJson)!;
            Objects(root)[at]["zz_" + name] = 1;
            return root.ToJsonString();
        });

    // A proper prefix of an object document is never a whole document.
    private static readonly Gen<string> Truncated = Gen.Int[0, DemoJson.Length - 1].Select(n => DemoJson[..n]);

    private static string Document(string search) => $$"""{ "name": "hostile", "budget": { "max_trials": 1 }, "search": {{search}} }""";

    // Search sections the silo must refuse too: nesting past the cap, too many dimensions, int ranges past the cap however stepped or placed.
    private static readonly Gen<string> DeepSearch = Gen.Int[33, 20_000].Select(depth => new string('[', depth) + new string(']', depth));

    private static readonly Gen<string> ManySearch = Gen.Int[65, 100_000].Select(count =>
        $$"""{ "space": { "dimensions": [{{string.Join(",", Enumerable.Repeat("{}", count))}}] } }""");

    private static readonly Gen<string> WideSearch = Gen.Select(Gen.Long[-1_000_000_000_000, 1_000_000_000_000], Gen.Long[10_000, 1_000_000_000_000], Gen.Long[1, 1000])
        .Select((low, values, step) =>
        {
            var search = JsonNode.Parse(DemoJson)!["search"]!.DeepClone();
            var width = search["space"]!["dimensions"]![1]!;
            width["low"] = low;
            width["high"] = low + values * step;
            width["step"] = step;
            return search.ToJsonString();
        });

    private static readonly Gen<string> HostileSearch = Gen.OneOf(DeepSearch, ManySearch, WideSearch);

    private static readonly Gen<string> Invalid = Gen.OneOf(UnknownField, Truncated, HostileSearch.Select(Document));

    [Fact]
    public void Invalid_documents_are_all_refused_cleanly_and_quickly()
    {
        Invalid.Sample(json =>
        {
            var clock = Stopwatch.StartNew();
            var result = CampaignValidator.Validate(json);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"validation took {clock.Elapsed.TotalMilliseconds:F0} ms");
            Assert.False(result.IsValid);
            Assert.Null(result.Campaign);
            Assert.NotEmpty(result.Errors);
            Assert.All(result.Errors, e => Assert.False(string.IsNullOrEmpty(e.Path) || string.IsNullOrEmpty(e.Message), e.ToString()));
        }, iter: 300, threads: 1, print: j => j.Length > 200 ? j[..200] + "…" : j);
    }

    [Fact]
    public void The_silo_start_check_refuses_hostile_search_sections_cleanly()
    {
        HostileSearch.Sample(search =>
        {
            var errors = CampaignValidator.ValidateStart("hostile", search);
            Assert.NotEmpty(errors);
            Assert.All(errors, e => Assert.StartsWith("search", e.Path));
        }, iter: 100, threads: 1, print: j => j.Length > 200 ? j[..200] + "…" : j);
    }

    [Fact]
    public void Random_text_never_throws()
    {
        Gen.String.Sample(text =>
        {
            var result = CampaignValidator.Validate(text);
            Assert.Equal(result.Errors.Count == 0, result.IsValid);
            CampaignValidator.ValidateStart(text, text);
        }, iter: 2000, threads: 1);
    }
}
