namespace NinSearch.Model.Data;

/// <summary>The dataset formats the loader reads.</summary>
public enum DatasetKind
{
    /// <summary>Fashion-MNIST IDX files (.gz or raw); default folder /usr/share/datasets/fashion-mnist.</summary>
    FashionMnist,
    /// <summary>MNIST IDX files (.gz or raw), same layout as Fashion-MNIST.</summary>
    Mnist,
    /// <summary>CIFAR-10 binary batches: data_batch_1..5.bin and test_batch.bin.</summary>
    Cifar10,
    /// <summary>CIFAR-100 binary files train.bin and test.bin, fine labels (100 classes).</summary>
    Cifar100,
    /// <summary>
    /// A folder with one sub-folder per class (PNG, JPEG, BMP, GIF, TGA, or binary PGM/PPM), optionally split into
    /// train/ and test/ sub-folders; all images must have the same size.
    /// </summary>
    ImageFolder,
}
