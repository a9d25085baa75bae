using NinSearch.Core.Campaigns;
using NinSearch.Model.Data;
using NinSearch.Worker.Runners;

namespace NinSearch.Cli.Campaigns;

/// <summary>
/// The check <c>campaign run</c> makes before it starts a cluster: its local workers read the dataset from this
/// machine, so a folder that is not there would fail every trial, one by one, after minutes of start-up.
/// </summary>
internal static class DataPreflight
{
    /// <summary>Throws <see cref="DataFormatException"/> naming the folder when the workers could not find <paramref name="dataset"/>'s files.</summary>
    public static void Check(string dataset, string? dataPath)
    {
        var kind = TorchTrialRunner.ParseDataset(dataset);
        if (dataPath is null && kind != DatasetKind.FashionMnist)
            throw new ArgumentException($"dataset {dataset} has no standard folder; pass --data or set dataset.path in the campaign file");
        var folder = new DatasetOptions { Kind = kind, Path = dataPath }.ResolvedPath;
        if (!Directory.Exists(folder))
            throw new DataFormatException(folder, dataPath is null && kind == DatasetKind.FashionMnist
                ? "folder not found; install it with `apt-get install dataset-fashion-mnist` or pass --data"
                : "folder not found");
    }
}
