using NinSearch.Core.Spaces;

namespace NinSearch.Core.Simulation;

/// <summary>
/// A synthetic NiN tuning problem with a known answer, for benchmarking search strategies without training.
/// Each configuration of <see cref="Space"/> (blocks, per-block widths, optimizer, lr, weight decay, dropout, batch
/// norm, label smoothing, batch size) has an asymptotic accuracy — best at SGD lr 0.1, weight decay 5e-4, dropout
/// 0.3, batch norm, three 256-wide blocks, label smoothing 0.1, batch 128 — and an early gap to it that shrinks as epoch^-0.8: wide, heavily
/// regularized or slowly-learning networks start further below, so learning curves cross and early epochs mislead.
/// Observed accuracies add Gaussian noise per epoch. Pure and thread-safe.
/// </summary>
public sealed class SimulatedProblem : ISearchProblem
{
    private const string SpaceJson = """
    {
      "name": "simulated-nin",
      "dimensions": [
        { "name": "blocks", "type": "int", "low": 2, "high": 4 },
        { "name": "width_1", "type": "int", "low": 32, "high": 256, "step": 32 },
        { "name": "width_2", "type": "int", "low": 32, "high": 256, "step": 32 },
        { "name": "width_3", "type": "int", "low": 32, "high": 256, "step": 32, "when": { "dimension": "blocks", "min": 3 } },
        { "name": "width_4", "type": "int", "low": 32, "high": 256, "step": 32, "when": { "dimension": "blocks", "min": 4 } },
        { "name": "dropout_1", "type": "float", "low": 0.0, "high": 0.6 },
        { "name": "batch_norm", "type": "categorical", "choices": [true, false] },
        { "name": "optimizer", "type": "categorical", "choices": ["sgd", "adam"] },
        { "name": "lr", "type": "float", "low": 0.0001, "high": 1.0, "log": true },
        { "name": "weight_decay", "type": "float", "low": 0.000001, "high": 0.01, "log": true },
        { "name": "label_smoothing", "type": "categorical", "choices": [0.0, 0.05, 0.1, 0.2] },
        { "name": "batch_size", "type": "categorical", "choices": [64, 128, 256] }
      ]
    }
    """;

    public SimulatedProblem(int maxEpochs = 27, double noise = 0.004)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEpochs, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(noise);
        (MaxEpochs, Noise) = (maxEpochs, noise);
        Space = SearchSpaceJson.Read(SpaceJson);
        KnownBest = SearchSpaceJson.ReadConfiguration(Space, """
            {"blocks":3,"width_1":256,"width_2":256,"width_3":256,"dropout_1":0.3,"batch_norm":true,"optimizer":"sgd",
             "lr":0.1,"weight_decay":0.0005,"label_smoothing":0.1,"batch_size":128}
            """);
    }

    public SearchSpace Space { get; }

    /// <summary>The configuration with the highest asymptotic accuracy.</summary>
    public Configuration KnownBest { get; }

    /// <summary>The budget R at which "final" accuracy is measured.</summary>
    public int MaxEpochs { get; }

    /// <summary>Standard deviation of the per-epoch observation noise.</summary>
    public double Noise { get; }

    /// <summary>The known best configuration's <see cref="TrueFinal"/>.</summary>
    public double OptimumFinal => TrueFinal(KnownBest);

    /// <summary>Noise-free accuracy after <see cref="MaxEpochs"/> epochs (the "test accuracy" a search is judged by).</summary>
    public double TrueFinal(Configuration c) => Curve(c, MaxEpochs);

    /// <summary>Noise-free accuracy after <paramref name="epoch"/> epochs.</summary>
    public double Curve(Configuration c, int epoch)
    {
        var (asymptote, gap) = Shape(c);
        return Math.Max(0.1, asymptote - gap * Math.Pow(epoch, -0.8));
    }

    /// <summary>A noisy observation of <see cref="Curve"/>, drawn from <paramref name="rng"/>.</summary>
    public double Observe(Configuration c, int epoch, DeterministicRandom rng) =>
        Math.Clamp(Curve(c, epoch) + Noise * rng.NextGaussian(), 0, 1);

    /// <summary>A cost per epoch in arbitrary time units (wider networks are slower), for the asynchronous simulation.</summary>
    public double EpochTime(Configuration c) => 0.5 + Capacity(c) + (c.GetInt("batch_size") == 64 ? 0.2 : 0);

    private static double Capacity(Configuration c)
    {
        var blocks = (int)c.GetInt("blocks");
        var widths = Enumerable.Range(1, blocks).Select(i => c.GetInt($"width_{i}")).ToList();
        return widths.Average(w => Math.Log2(w / 32.0) / 3.0);
    }

    private static (double Asymptote, double Gap) Shape(Configuration c)
    {
        var sgd = c.GetString("optimizer") == "sgd";
        var lr = c.GetDouble("lr");
        var bestLr = sgd ? 0.1 : 0.002;
        var lrGap = Math.Log10(lr / bestLr);
        var dropout = c.GetDouble("dropout_1");
        var bn = c.GetBool("batch_norm");
        var capacity = Capacity(c);
        var penalty =
            Math.Min(0.6, 0.03 * lrGap * lrGap)
            + 0.008 * Math.Pow(Math.Log10(c.GetDouble("weight_decay") / 5e-4), 2)
            + 0.06 * Math.Pow(dropout - 0.3, 2)
            + (bn ? 0 : 0.015)
            + 0.025 * (1 - capacity)
            + 0.006 * Math.Abs(c.GetInt("blocks") - 3)
            + 0.004 * Math.Abs(c.GetDouble("label_smoothing") - 0.1) / 0.1
            + 0.002 * Math.Abs(Math.Log2(c.GetInt("batch_size") / 128.0))
            + (sgd ? 0 : 0.004);
        var asymptote = Math.Max(0.1, 0.955 - penalty);
        // The gap to the asymptote after one epoch, shrinking as epoch^-0.8. Dropout, missing batch norm, a too-small
        // lr and capacity widen it without lowering the asymptote, so curves cross and early epochs mislead.
        var gap = 0.06 * (0.6 + 1.3 * dropout + (bn ? 0 : 0.4) + 0.5 * Math.Max(0, -lrGap) + 0.3 * capacity);
        return (asymptote, gap);
    }
}
