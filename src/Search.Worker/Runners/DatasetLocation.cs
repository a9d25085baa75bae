using NinSearch.Core.Campaigns;

namespace NinSearch.Worker.Runners;

/// <summary>
/// Where a worker reads a campaign's dataset. The campaign's path wins over the worker's: one fleet serves campaigns
/// of different datasets. With a data root (<see cref="WorkerOptions.DataRoot"/>, a shared volume in Kubernetes),
/// every path a campaign names resolves under it and none may leave it: a campaign (from the REST API) must not make
/// workers read arbitrary files.
/// </summary>
public static class DatasetLocation
{
    /// <summary>
    /// The folder to read <paramref name="dataset"/> from, in this order: the campaign's <paramref name="campaignPath"/>
    /// (a <c>data://sub/folder</c> URI or a relative path under the data root, an absolute path inside it; without a
    /// root, relative to the working directory), the worker's <see cref="WorkerOptions.DataPath"/>, the dataset's
    /// default folder under the data root (<see cref="DatasetNames.DefaultFolder"/>), else null (the loader's standard
    /// place). Throws <see cref="ArgumentException"/> with a one-line reason for a path that escapes the root, or a
    /// <c>data://</c> URI on a worker without a root.
    /// </summary>
    public static string? Resolve(string dataset, string? campaignPath, WorkerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var root = options.DataRoot is { } configured ? Path.GetFullPath(configured) : null;
        if (!string.IsNullOrWhiteSpace(campaignPath)) return ResolveCampaignPath(campaignPath, root);
        if (options.DataPath is { } workerPath) return workerPath;
        if (root is null) return null;
        var name = DatasetNames.Suggest(dataset) ?? dataset;
        return Path.Combine(root, DatasetNames.DefaultFolder(name));
    }

    private static string ResolveCampaignPath(string path, string? root)
    {
        if (path.StartsWith(CampaignValidator.DataUriScheme, StringComparison.Ordinal))
        {
            if (root is null)
                throw new ArgumentException($"'{path}' names a folder under the data root, and this worker has none (set {WorkerOptions.Section}:DataRoot)");
            return Within(root, path[CampaignValidator.DataUriScheme.Length..].TrimStart('/'), path);
        }
        if (root is null) return Path.GetFullPath(path);
        return Within(root, path, path);
    }

    // Path.Combine keeps an absolute second part as it is, so absolute paths are checked against the root as well.
    // Symbolic links inside the root are followed as the operator set them up: the check is on names, not targets.
    private static string Within(string root, string relative, string original)
    {
        var full = Path.GetFullPath(Path.Combine(root, relative));
        var rootWithSeparator = Path.EndsInDirectorySeparator(root) ? root : root + Path.DirectorySeparatorChar;
        if (full != root && !full.StartsWith(rootWithSeparator, StringComparison.Ordinal))
            throw new ArgumentException($"dataset path '{original}' resolves to {full}, outside the data root {root}");
        return full;
    }
}
