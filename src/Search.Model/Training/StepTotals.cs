using static TorchSharp.torch;

namespace NinSearch.Model.Training;

/// <summary>
/// Running sums of loss and correct predictions kept on the device, so a step never waits for the device to read
/// a number back; <see cref="Read"/> does that once, at the end of an epoch.
/// </summary>
internal sealed class StepTotals : IDisposable
{
    private readonly Tensor lossSum;
    private readonly Tensor correct;

    public StepTotals(Device device)
    {
        lossSum = zeros(1, dtype: ScalarType.Float64, device: device);
        correct = zeros(1, dtype: ScalarType.Int64, device: device);
    }

    public long Samples { get; private set; }

    /// <summary>Adds one batch: its mean loss (a scalar tensor) and its logits and labels.</summary>
    public void Add(Tensor meanLoss, Tensor logits, Tensor labels)
    {
        using var scope = NewDisposeScope();
        var n = labels.shape[0];
        lossSum.add_(meanLoss.detach().to(ScalarType.Float64) * n);
        correct.add_(logits.detach().argmax(1).eq(labels).sum());
        Samples += n;
    }

    /// <summary>The summed loss so far; reading it waits for the device.</summary>
    public double LossSum => lossSum.item<double>();

    /// <summary>(mean loss, accuracy) over the batches added so far.</summary>
    public (double Loss, double Accuracy) Read() =>
        Samples == 0 ? (double.NaN, double.NaN) : (lossSum.item<double>() / Samples, correct.item<long>() / (double)Samples);

    public void Reset()
    {
        lossSum.zero_();
        correct.zero_();
        Samples = 0;
    }

    public void Dispose()
    {
        lossSum.Dispose();
        correct.Dispose();
    }
}
