using NinSearch.Model.Data;

namespace NinSearch.Model.Tests.Data;

public sealed class ClassNamesTests
{
    [Theory]
    [InlineData(DatasetKind.FashionMnist, 10, "Ankle boot")]
    [InlineData(DatasetKind.Mnist, 10, "9")]
    [InlineData(DatasetKind.Cifar10, 10, "truck")]
    [InlineData(DatasetKind.Cifar100, 100, "worm")]
    public void Fixed_datasets_name_every_class_once_in_label_order(DatasetKind kind, int count, string last)
    {
        var names = ClassNames.Of(kind);
        Assert.Equal(count, names.Count);
        Assert.Equal(count, names.Distinct().Count());
        Assert.Equal(last, names[^1]);
    }

    [Fact]
    public void A_loaded_dataset_offers_its_preprocessing()
    {
        using var trial = new Training.TinyTrial();
        var preprocessing = trial.Data.Preprocessing;
        Assert.Equal("mnist", preprocessing.Dataset);
        Assert.Equal(trial.Data.Shape, preprocessing.Input);
        Assert.Equal(trial.Data.Normalization.Mean, preprocessing.Mean);
        Assert.Equal(ClassNames.Of(DatasetKind.Mnist), preprocessing.ClassNames);
        preprocessing.Validate();
    }
}
