using System.Diagnostics;
using System.Text.Json.Nodes;
using NinSearch.Core.Campaigns;

namespace NinSearch.Core.Tests.Campaigns;

/// <summary>Property: whatever is done to demo.json, validation answers with a result (valid, or errors with paths) and never throws.</summary>
public class CampaignValidatorMutationTests
{
    private static readonly string DemoJson = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "campaigns", "demo.json"));

    private static readonly Func<Random, JsonNode?>[] Hostile =
    [
        _ => null,
        _ => "",
        _ => new string('x', 5000),
        _ => "<script>alert(1)</script>",
        _ => -1,
        _ => 0,
        _ => 0.5,
        _ => long.MaxValue,
        _ => long.MinValue,
        _ => double.MaxValue,
        _ => true,
        _ => new JsonArray(),
        _ => new JsonObject(),
        _ => JsonNode.Parse(new string('[', 60) + new string(']', 60)),
        _ => new JsonArray([.. Enumerable.Range(0, 3000).Select(i => (JsonNode)i)]),
        _ => JsonNode.Parse("""{ "dimension": "nowhere", "min": 1 }"""),
        _ => JsonNode.Parse("""{ "name": "width_9", "type": "int", "low": -1000000000, "high": 1000000000 }"""),
        r => r.Next(-3, 3),
    ];

    [Fact]
    public void Random_mutations_of_the_demo_never_throw()
    {
        var rng = new Random(20240611);
        var slowest = TimeSpan.Zero;
        var (valid, invalid) = (0, 0);
        for (var i = 0; i < 1500; i++)
        {
            var json = i % 4 == 3 ? MutateText(DemoJson, rng) : MutateTree(JsonNode.Parse(DemoJson)!, rng, 1 + rng.Next(3));
            var clock = Stopwatch.StartNew();
            CampaignValidationResult result;
            try
            {
                result = CampaignValidator.Validate(json);
            }
            catch (Exception e)
            {
                Assert.Fail($"mutation {i} threw {e}\n{json[..Math.Min(json.Length, 2000)]}");
                throw;
            }
            if (clock.Elapsed > slowest) slowest = clock.Elapsed;
            if (result.IsValid)
            {
                valid++;
                Assert.Empty(result.Errors);
                Assert.NotNull(result.Campaign);
            }
            else
            {
                invalid++;
                Assert.NotEmpty(result.Errors);
                Assert.All(result.Errors, e => Assert.False(string.IsNullOrEmpty(e.Path) || string.IsNullOrEmpty(e.Message), e.ToString()));
            }
        }
        Assert.True(invalid > 500 && valid > 20, $"{valid} valid, {invalid} invalid");
        Assert.True(slowest < TimeSpan.FromSeconds(1), $"slowest validation took {slowest.TotalMilliseconds:F0} ms");
    }

    private static string MutateTree(JsonNode root, Random rng, int mutations)
    {
        for (var m = 0; m < mutations; m++)
        {
            var nodes = new List<JsonNode>();
            Collect(root, nodes);
            var node = nodes[rng.Next(nodes.Count)];
            var parent = node.Parent;
            switch (rng.Next(4))
            {
                case 0 when parent is JsonObject o:
                    o.Remove(node.GetPropertyName());
                    break;
                case 1 when node is JsonObject o:
                    o["unexpected_" + rng.Next(3)] = Hostile[rng.Next(Hostile.Length)](rng);
                    break;
                case 2 when parent is JsonArray a:
                    a.Add(node.DeepClone());
                    break;
                default:
                    var value = Hostile[rng.Next(Hostile.Length)](rng);
                    if (parent is JsonObject po) po[node.GetPropertyName()] = value;
                    else if (parent is JsonArray pa) pa[node.GetElementIndex()] = value;
                    break;
            }
        }
        return root.ToJsonString();
    }

    private static void Collect(JsonNode? node, List<JsonNode> nodes)
    {
        if (node is null) return;
        nodes.Add(node);
        if (node is JsonObject o) foreach (var (_, child) in o) Collect(child, nodes);
        else if (node is JsonArray a) foreach (var child in a) Collect(child, nodes);
    }

    private static string MutateText(string json, Random rng)
    {
        var at = rng.Next(json.Length);
        return rng.Next(3) switch
        {
            0 => json.Remove(at, 1),
            1 => json.Insert(at, "{}[],:\"0e-\\"[rng.Next(11)].ToString()),
            _ => json[..at],
        };
    }
}
