using System.Diagnostics.CodeAnalysis;
using NinSearch.Spec;

namespace NinSearch.Core.Campaigns;

/// <summary>
/// The dataset names a campaign may use, in one place: the validator refuses any other, and the silo and the workers
/// map these to input shapes and loaders. Names are snake_case, like every other name in a campaign document.
/// </summary>
public static class DatasetNames
{
    public const string FashionMnist = "fashion_mnist";
    public const string Mnist = "mnist";
    public const string Cifar10 = "cifar10";
    public const string Cifar100 = "cifar100";

    /// <summary>A folder of class sub-folders (train/ and test/); needs <see cref="CampaignFile.DatasetSection.Path"/>.</summary>
    public const string ImageFolder = "image_folder";

    /// <summary>Every known name, in documentation order.</summary>
    public static IReadOnlyList<string> All { get; } = [FashionMnist, Mnist, Cifar10, Cifar100, ImageFolder];

    /// <summary>Whether <paramref name="name"/> is one of <see cref="All"/> (exact, case-sensitive).</summary>
    public static bool IsKnown(string? name) => name is not null && All.Contains(name, StringComparer.Ordinal);

    /// <summary>Whether the dataset has no standard place, so the campaign must give a path.</summary>
    public static bool RequiresPath(string name) => name == ImageFolder;

    /// <summary>
    /// The known name <paramref name="name"/> was probably meant to be ("Fashion-MNIST" → fashion_mnist), ignoring
    /// case, '-' and '_'; null when none is close.
    /// </summary>
    public static string? Suggest(string? name)
    {
        if (name is null) return null;
        var key = Key(name);
        return All.FirstOrDefault(n => Key(n) == key);
    }

    /// <summary>
    /// The input shape and class count of a dataset with fixed images; false for <see cref="ImageFolder"/> (known only
    /// once the images are read) and unknown names.
    /// </summary>
    public static bool TryGetShape(string name, [NotNullWhen(true)] out InputShape? input, out int classes)
    {
        (input, classes) = name switch
        {
            FashionMnist or Mnist => (InputShape.Gray28, 10),
            Cifar10 => (InputShape.Rgb32, 10),
            Cifar100 => (InputShape.Rgb32, 100),
            _ => ((InputShape?)null, 0),
        };
        return input is not null;
    }

    /// <summary>
    /// The shape of <paramref name="dataset"/>'s images: what the document declares (<see cref="CampaignFile.DatasetSection.Input"/>
    /// and <see cref="CampaignFile.DatasetSection.Classes"/>), else the fixed shape of its name; false when neither is known.
    /// </summary>
    public static bool TryGetShape(CampaignFile.DatasetSection dataset, [NotNullWhen(true)] out InputShape? input, out int classes)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        if (dataset.Input is { } declared && dataset.Classes is { } count)
        {
            (input, classes) = (declared, count);
            return true;
        }
        return TryGetShape(dataset.Name, out input, out classes);
    }

    /// <summary>The folder under a worker's data root that holds the dataset when the campaign gives no path: <c>fashion-mnist</c>, <c>cifar10</c>...</summary>
    public static string DefaultFolder(string name) => name.Replace('_', '-');

    private static string Key(string name) => name.Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal).ToLowerInvariant();
}
