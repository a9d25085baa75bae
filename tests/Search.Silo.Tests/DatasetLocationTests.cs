using NinSearch.Worker;
using NinSearch.Worker.Runners;

namespace NinSearch.Silo.Tests;

/// <summary>Where a worker reads a campaign's dataset, and that no campaign path leaves the data root.</summary>
public sealed class DatasetLocationTests
{
    private static readonly string Root = Path.Combine(Path.GetTempPath(), "ninsearch-root");
    private static readonly WorkerOptions WithRoot = new() { DataRoot = Root };

    [Theory]
    [InlineData("data://cifar10", "cifar10")]
    [InlineData("data:///shapes/v2", "shapes/v2")]
    [InlineData("shapes/./v2", "shapes/v2")]
    [InlineData("shapes/../cifar10", "cifar10")]
    public void Campaign_paths_resolve_under_the_data_root(string path, string expected) =>
        Assert.Equal(Path.Combine(Root, expected), DatasetLocation.Resolve("image_folder", path, WithRoot));

    [Theory]
    [InlineData("data://../etc")]
    [InlineData("../etc")]
    [InlineData("shapes/../../etc")]
    [InlineData("/etc")]
    public void Paths_escaping_the_data_root_are_refused_naming_the_root(string path)
    {
        var error = Assert.Throws<ArgumentException>(() => DatasetLocation.Resolve("image_folder", path, WithRoot));
        Assert.Contains($"outside the data root {Root}", error.Message);
    }

    [Fact]
    public void An_absolute_path_inside_the_root_is_kept() =>
        Assert.Equal(Path.Combine(Root, "mnist"), DatasetLocation.Resolve("mnist", Path.Combine(Root, "mnist"), WithRoot));

    [Fact]
    public void Without_a_path_a_campaign_reads_the_workers_folder_then_its_default_folder_under_the_root()
    {
        Assert.Equal("/srv/fm", DatasetLocation.Resolve("fashion_mnist", null, new WorkerOptions { DataRoot = Root, DataPath = "/srv/fm" }));
        Assert.Equal(Path.Combine(Root, "fashion-mnist"), DatasetLocation.Resolve("fashion_mnist", null, WithRoot));
        Assert.Null(DatasetLocation.Resolve("fashion_mnist", null, new WorkerOptions()));
    }

    [Fact]
    public void A_data_uri_needs_a_data_root()
    {
        var error = Assert.Throws<ArgumentException>(() => DatasetLocation.Resolve("cifar10", "data://cifar10", new WorkerOptions()));
        Assert.Contains("NinSearch:Worker:DataRoot", error.Message);
    }

    [Fact]
    public void Without_a_root_a_relative_campaign_path_is_taken_from_the_working_folder() =>
        Assert.Equal(Path.GetFullPath("shapes"), DatasetLocation.Resolve("image_folder", "shapes", new WorkerOptions()));

    [Fact]
    public void A_relative_data_root_is_refused_at_start() =>
        Assert.Contains(new WorkerOptions { DataRoot = "data" }.Validate(), e => e.Contains("DataRoot must be an absolute path"));
}
