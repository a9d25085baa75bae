namespace NinSearch.Core.Analysis;

/// <summary>
/// The functional ANOVA of one <see cref="RegressionTree"/> (Hutter, Hoos and Leyton-Brown 2014, as Optuna's
/// <c>_FanovaTree</c>): the tree is a piecewise-constant function over the box its features span (numeric bounds,
/// weighted categories); <see cref="Variance"/> is that function's variance over the box, and
/// <see cref="MarginalVariance"/> the variance of its marginal in one feature (the function averaged over all other
/// features), computed exactly from the split structure.
/// </summary>
internal sealed class FanovaTree
{
    private readonly RegressionTree _tree;
    private readonly IReadOnlyList<RegressionTree.Node> _nodes;
    private readonly double[] _measure;    // share of the whole box each node's box covers
    private readonly double[] _average;    // the function's mean over each node's box
    private readonly bool[][] _splitsOn;   // [node][feature]: the subtree splits on the feature

    public FanovaTree(RegressionTree tree)
    {
        _tree = tree;
        _nodes = tree.Nodes;
        var n = _nodes.Count;
        var features = tree.Features;
        (_measure, _average, _splitsOn) = (new double[n], new double[n], new bool[n][]);
        var low = features.Select(f => f.Low).ToArray();
        var high = features.Select(f => f.High).ToArray();
        var allowed = features.Select(f => f.IsCategorical ? Enumerable.Repeat(true, f.Categories).ToArray() : []).ToArray();
        Measure(0, 1.0, low, high, allowed);
        for (var i = n - 1; i >= 0; i--)
        {
            var node = _nodes[i];
            _splitsOn[i] = new bool[features.Count];
            if (node.IsLeaf) { _average[i] = node.Value; continue; }
            var (l, r) = (node.Left, node.Right);
            var total = _measure[l] + _measure[r];
            _average[i] = total > 0 ? (_measure[l] * _average[l] + _measure[r] * _average[r]) / total : node.Value;
            for (var f = 0; f < features.Count; f++) _splitsOn[i][f] = _splitsOn[l][f] || _splitsOn[r][f];
            _splitsOn[i][node.Feature] = true;
        }
        Variance = Enumerable.Range(0, n).Where(i => _nodes[i].IsLeaf).Sum(i => _measure[i] * Square(_nodes[i].Value - _average[0]));
    }

    /// <summary>The variance of the tree's function over the whole box.</summary>
    public double Variance { get; }

    /// <summary>The variance, over feature <paramref name="feature"/>'s range, of the tree's function averaged over every other feature.</summary>
    public double MarginalVariance(int feature)
    {
        if (!_splitsOn[0][feature]) return 0;
        var f = _tree.Features[feature];
        var cells = new List<(double Value, double Size)>();
        if (f.IsCategorical)
        {
            for (var c = 0; c < f.Categories; c++) cells.Add((c, f.CategoryWeights![c]));
        }
        else
        {
            var cuts = _nodes.Where(x => x.Feature == feature).Select(x => x.Threshold).Where(t => t > f.Low && t < f.High).Distinct().Order().ToList();
            cuts.Insert(0, f.Low);
            cuts.Add(f.High);
            for (var i = 0; i + 1 < cuts.Count; i++) cells.Add(((cuts[i] + cuts[i + 1]) / 2, (cuts[i + 1] - cuts[i]) / (f.High - f.Low)));
        }
        var total = cells.Sum(c => c.Size);
        var values = cells.Select(c => Marginal(0, feature, c.Value)).ToArray();
        var mean = cells.Select((c, i) => c.Size * values[i]).Sum() / total;
        return Math.Max(0, cells.Select((c, i) => c.Size * Square(values[i] - mean)).Sum() / total);
    }

    // The function at feature = value, averaged over the other features within the node's box.
    private double Marginal(int index, int feature, double value)
    {
        if (!_splitsOn[index][feature]) return _average[index];
        var node = _nodes[index];
        if (node.Feature == feature) return Marginal(node.GoesLeft(value) ? node.Left : node.Right, feature, value);
        var (l, r) = (node.Left, node.Right);
        var total = _measure[l] + _measure[r];
        return total > 0
            ? (_measure[l] * Marginal(l, feature, value) + _measure[r] * Marginal(r, feature, value)) / total
            : (Marginal(l, feature, value) + Marginal(r, feature, value)) / 2;
    }

    private void Measure(int index, double measure, double[] low, double[] high, bool[][] allowed)
    {
        _measure[index] = measure;
        var node = _nodes[index];
        if (node.IsLeaf) return;
        var f = node.Feature;
        var feature = _tree.Features[f];
        if (feature.IsCategorical)
        {
            var weights = feature.CategoryWeights!;
            var here = allowed[f];
            var left = here.Select((a, c) => a && node.LeftCategories![c]).ToArray();
            var right = here.Select((a, c) => a && !node.LeftCategories![c]).ToArray();
            var all = Enumerable.Range(0, here.Length).Where(c => here[c]).Sum(c => weights[c]);
            var share = all > 0 ? Enumerable.Range(0, left.Length).Where(c => left[c]).Sum(c => weights[c]) / all : 0.5;
            allowed[f] = left;
            Measure(node.Left, measure * share, low, high, allowed);
            allowed[f] = right;
            Measure(node.Right, measure * (1 - share), low, high, allowed);
            allowed[f] = here;
        }
        else
        {
            var (lo, hi) = (low[f], high[f]);
            var share = hi > lo ? Math.Clamp((node.Threshold - lo) / (hi - lo), 0, 1) : 0.5;
            high[f] = node.Threshold;
            Measure(node.Left, measure * share, low, high, allowed);
            (high[f], low[f]) = (hi, node.Threshold);
            Measure(node.Right, measure * (1 - share), low, high, allowed);
            low[f] = lo;
        }
    }

    private static double Square(double x) => x * x;
}
