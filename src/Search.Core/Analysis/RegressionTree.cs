namespace NinSearch.Core.Analysis;

/// <summary>
/// A CART regression tree fitted by weighted least squares: each split is the one that most reduces the weighted
/// squared error, over features in a random order (ties keep the first, so the order is the tree's only randomness
/// besides its sample weights). Numeric features split at the midpoint between neighbouring values (at 0 between a
/// negative and a non-negative value, so a sentinel below a unit range splits off exactly); categorical features split
/// into two sets of categories, found by ordering the categories by mean response (optimal for squared error);
/// categories absent from a node go to its heavier side. Immutable once fitted; thread-safe to read.
/// </summary>
internal sealed class RegressionTree
{
    private readonly List<Node> _nodes = [];
    private readonly IReadOnlyList<TreeFeature> _features;
    private readonly double[][] _columns;
    private readonly double[] _y;
    private readonly double[] _weights;
    private readonly RegressionTreeOptions _options;
    private readonly DeterministicRandom _rng;

    // Scratch buffers reused by every split search of this tree.
    private readonly double[] _keys;
    private readonly int[] _order;
    private readonly double[] _categoryWeight, _categorySum, _categoryMean;
    private readonly int[] _categoryCount, _present;

    /// <summary>A node: a leaf when <see cref="Feature"/> is -1; <see cref="Value"/> is the weighted mean response of its samples.</summary>
    internal readonly record struct Node(int Feature, double Threshold, bool[]? LeftCategories, int Left, int Right, double Value)
    {
        public bool IsLeaf => Feature < 0;

        /// <summary>Whether <paramref name="x"/>, this node's feature value, goes to the left child.</summary>
        public bool GoesLeft(double x) => LeftCategories is { } left ? left[(int)x] : x <= Threshold;
    }

    private RegressionTree(IReadOnlyList<TreeFeature> features, double[][] columns, double[] y, double[] weights, RegressionTreeOptions options, DeterministicRandom rng)
    {
        (_features, _columns, _y, _weights, _options, _rng) = (features, columns, y, weights, options, rng);
        (_keys, _order) = (new double[y.Length], new int[y.Length]);
        var k = features.Count == 0 ? 0 : features.Max(f => f.Categories);
        (_categoryWeight, _categorySum, _categoryMean, _categoryCount, _present) = (new double[k], new double[k], new double[k], new int[k], new int[k]);
    }

    /// <summary>The nodes; 0 is the root, and children come after their parent.</summary>
    public IReadOnlyList<Node> Nodes => _nodes;

    public IReadOnlyList<TreeFeature> Features => _features;

    /// <summary>
    /// Fits a tree to <paramref name="y"/> from <paramref name="columns"/> (feature-major: <c>columns[f][i]</c> is
    /// sample i's value of feature f; a category index for categorical features). Samples of zero weight are left
    /// out; a bootstrap passes its draw counts as weights.
    /// </summary>
    public static RegressionTree Fit(IReadOnlyList<TreeFeature> features, double[][] columns, double[] y, double[] weights, RegressionTreeOptions options, DeterministicRandom rng)
    {
        options.Validate();
        if (columns.Length != features.Count) throw new ArgumentException($"{columns.Length} columns for {features.Count} features", nameof(columns));
        if (columns.Any(c => c.Length != y.Length) || weights.Length != y.Length) throw new ArgumentException("every column, the responses and the weights need one entry per sample");
        var tree = new RegressionTree(features, columns, y, weights, options, rng);
        var samples = Enumerable.Range(0, y.Length).Where(i => weights[i] > 0).ToArray();
        if (samples.Length == 0) throw new ArgumentException("no sample has a positive weight", nameof(weights));
        tree.Build(samples, 0);
        return tree;
    }

    /// <summary>The prediction for one sample (<c>row[f]</c> is its value of feature f).</summary>
    public double Predict(IReadOnlyList<double> row)
    {
        var node = _nodes[0];
        while (!node.IsLeaf) node = _nodes[node.GoesLeft(row[node.Feature]) ? node.Left : node.Right];
        return node.Value;
    }

    private int Build(int[] samples, int depth)
    {
        double w = 0, s = 0, min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var i in samples)
        {
            w += _weights[i];
            s += _weights[i] * _y[i];
            min = Math.Min(min, _y[i]);
            max = Math.Max(max, _y[i]);
        }
        var index = _nodes.Count;
        _nodes.Add(new Node(-1, 0, null, -1, -1, s / w));
        if (depth >= _options.MaxDepth || samples.Length < _options.MinSamplesSplit || max - min <= 1e-12 * Math.Max(1, Math.Abs(max))) return index;
        if (BestSplit(samples, w, s) is not { } split) return index;

        var goesLeft = _nodes[index] with { Feature = split.Feature, Threshold = split.Threshold, LeftCategories = split.LeftCategories };
        var left = samples.Where(i => goesLeft.GoesLeft(_columns[split.Feature][i])).ToArray();
        var right = samples.Where(i => !goesLeft.GoesLeft(_columns[split.Feature][i])).ToArray();
        var l = Build(left, depth + 1);
        var r = Build(right, depth + 1);
        _nodes[index] = goesLeft with { Left = l, Right = r };
        return index;
    }

    private readonly record struct Split(int Feature, double Threshold, bool[]? LeftCategories, double Score);

    private Split? BestSplit(int[] samples, double w, double s)
    {
        var order = Enumerable.Range(0, _features.Count).ToArray();
        for (var i = order.Length - 1; i > 0; i--)
        {
            var j = _rng.NextInt(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        var parent = s * s / w;
        Split? best = null;
        foreach (var f in order)
        {
            var candidate = _features[f].IsCategorical ? CategoricalSplit(f, samples, w, s) : NumericSplit(f, samples, w, s);
            if (candidate is { } c && c.Score > (best?.Score ?? parent) && c.Score - parent > 1e-12 * Math.Max(1, Math.Abs(parent))) best = c;
        }
        return best;
    }

    private Split? NumericSplit(int f, int[] samples, double w, double s)
    {
        var column = _columns[f];
        var m = samples.Length;
        var keys = _keys.AsSpan(0, m);
        var order = _order.AsSpan(0, m);
        samples.CopyTo(order);
        for (var j = 0; j < m; j++) keys[j] = column[order[j]];
        keys.Sort(order);
        if (keys[0] == keys[m - 1]) return null;
        Split? best = null;
        double wl = 0, sl = 0;
        for (var j = 0; j < m - 1; j++)
        {
            var i = order[j];
            wl += _weights[i];
            sl += _weights[i] * _y[i];
            if (keys[j] == keys[j + 1] || j + 1 < _options.MinSamplesLeaf || m - j - 1 < _options.MinSamplesLeaf) continue;
            var wr = w - wl;
            if (wl <= 0 || wr <= 0) continue;
            var sr = s - sl;
            var score = sl * sl / wl + sr * sr / wr;
            if (best is not null && score <= best.Value.Score) continue;
            var threshold = keys[j] < 0 && keys[j + 1] >= 0 ? 0 : keys[j] + (keys[j + 1] - keys[j]) / 2;
            if (threshold >= keys[j + 1]) threshold = keys[j];
            best = new Split(f, threshold, null, score);
        }
        return best;
    }

    private Split? CategoricalSplit(int f, int[] samples, double w, double s)
    {
        var column = _columns[f];
        var k = _features[f].Categories;
        var cw = _categoryWeight.AsSpan(0, k);
        var cs = _categorySum.AsSpan(0, k);
        var cn = _categoryCount.AsSpan(0, k);
        cw.Clear();
        cs.Clear();
        cn.Clear();
        foreach (var i in samples)
        {
            var c = (int)column[i];
            cw[c] += _weights[i];
            cs[c] += _weights[i] * _y[i];
            cn[c]++;
        }
        var count = 0;
        for (var c = 0; c < k; c++)
        {
            if (cn[c] == 0) continue;
            _present[count] = c;
            _categoryMean[count] = cs[c] / cw[c];
            count++;
        }
        // Ordered by mean response: for squared error the best split into two sets is a prefix of this order.
        var present = _present.AsSpan(0, count);
        _categoryMean.AsSpan(0, count).Sort(present);
        if (present.Length < 2) return null;
        var (bestAt, bestScore, bestWeight) = (-1, double.NegativeInfinity, 0.0);
        double wl = 0, sl = 0;
        var nl = 0;
        for (var j = 0; j < present.Length - 1; j++)
        {
            var c = present[j];
            (wl, sl, nl) = (wl + cw[c], sl + cs[c], nl + cn[c]);
            if (nl < _options.MinSamplesLeaf || samples.Length - nl < _options.MinSamplesLeaf) continue;
            var wr = w - wl;
            if (wl <= 0 || wr <= 0) continue;
            var score = sl * sl / wl + (s - sl) * (s - sl) / wr;
            if (score > bestScore) (bestAt, bestScore, bestWeight) = (j, score, wl);
        }
        if (bestAt < 0) return null;
        // Categories no sample here has go with the heavier side.
        var absentLeft = bestWeight >= w - bestWeight;
        var left = new bool[k];
        for (var c = 0; c < k; c++) left[c] = cn[c] == 0 && absentLeft;
        for (var j = 0; j <= bestAt; j++) left[present[j]] = true;
        return new Split(f, 0, left, bestScore);
    }
}
