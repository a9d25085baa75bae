using System.Text.Json;
using NinSearch.Store.ReadModel;

namespace NinSearch.Store.Tests.ReadModel;

public sealed class ConfigDifferencesTests
{
    private static IReadOnlyList<string> Between(params string[] documents) =>
        ConfigDifferences.Between([.. documents.Select(d => JsonSerializer.Deserialize<JsonElement>(d))]);

    [Fact]
    public void Leaves_are_named_by_their_path_and_listed_when_any_document_differs()
    {
        Assert.Equal(
            ["a.list[1]", "a.list[2]", "b", "c.d"],
            Between(
                """{"a":{"x":1,"list":[1,2]},"b":"one","c":{"d":true},"same":[{"k":1}]}""",
                """{"a":{"x":1,"list":[1,3,4]},"b":"two","c":{"d":true},"same":[{"k":1}]}""",
                """{"a":{"x":1,"list":[1,2]},"b":"one","c":{"d":false},"same":[{"k":1}]}"""));
    }

    [Fact]
    public void A_missing_path_counts_as_a_difference_and_numbers_compare_by_value()
    {
        Assert.Equal(["extra", "n"], Between("""{"n":1,"f":0.10,"e":[]}""", """{"n":"1","f":0.1,"e":[],"extra":null}"""));
        Assert.Empty(Between("""{"a":[]}""", """{"a":[]}"""));
        Assert.Equal(["a"], Between("""{"a":[]}""", """{"a":{}}"""));
    }
}
