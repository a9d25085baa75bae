namespace NinSearch.Abstractions;

/// <summary>
/// What a worker reports it cannot load (<see cref="WorkerResources.UnavailableDatasets"/>): a dataset name, or name
/// and folder when the campaign names one. Two campaigns on image folders at different paths are two datasets: a
/// worker missing one folder still takes trials of the other. A campaign without a path keeps the bare name, the
/// form older workers report.
/// </summary>
public static class DatasetKeys
{
    /// <summary><paramref name="dataset"/>, or <c>dataset@path</c> when <paramref name="path"/> is given.</summary>
    public static string Of(string dataset, string? path) => string.IsNullOrWhiteSpace(path) ? dataset : $"{dataset}@{path}";
}
