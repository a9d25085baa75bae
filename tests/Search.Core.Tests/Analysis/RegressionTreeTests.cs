using NinSearch.Core.Analysis;

namespace NinSearch.Core.Tests.Analysis;

public class RegressionTreeTests
{
    [Fact]
    public void A_step_is_fitted_exactly_with_the_split_between_the_neighbouring_values()
    {
        double[] x = [0.1, 0.2, 0.3, 0.7, 0.8, 0.9];
        double[] y = [1, 1, 1, 3, 3, 3];
        var tree = RegressionTree.Fit([TreeFeature.Numeric(0, 1)], [x], y, [1, 1, 1, 1, 1, 1], RegressionTreeOptions.Default, new DeterministicRandom(0));

        Assert.Equal(3, tree.Nodes.Count);
        Assert.Equal(0.5, tree.Nodes[0].Threshold, 12);
        Assert.Equal(1, tree.Predict([0.45]));
        Assert.Equal(3, tree.Predict([0.55]));
    }

    [Fact]
    public void Categories_split_into_sets_and_unseen_categories_follow_the_heavier_side()
    {
        double[] category = [0, 0, 2, 2, 1, 3, 3];
        double[] y = [5, 5, 5, 5, 9, 9, 9];
        var feature = TreeFeature.Categorical([0.2, 0.2, 0.2, 0.2, 0.2]);
        var tree = RegressionTree.Fit([feature], [category], y, [1, 1, 1, 1, 1, 1, 1], RegressionTreeOptions.Default, new DeterministicRandom(0));

        Assert.Equal(3, tree.Nodes.Count);
        Assert.Equal(5, tree.Predict([0]));
        Assert.Equal(5, tree.Predict([2]));
        Assert.Equal(9, tree.Predict([1]));
        Assert.Equal(9, tree.Predict([3]));
        Assert.Equal(5, tree.Predict([4]));   // never seen: the side with four samples
    }

    [Fact]
    public void Zero_weight_samples_are_left_out_and_the_sentinel_splits_at_zero()
    {
        double[] x = [-0.5, -0.5, 0.2, 0.9];
        double[] y = [0, 0, 1, 50];
        var tree = RegressionTree.Fit([TreeFeature.Numeric(-1, 1)], [x], y, [1, 2, 1, 0], RegressionTreeOptions.Default, new DeterministicRandom(0));

        Assert.Equal(0, tree.Nodes[0].Threshold);
        Assert.Equal(1, tree.Predict([0.9]));
        Assert.Equal(0, tree.Predict([-0.1]));
    }
}
