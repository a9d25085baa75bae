using static TorchSharp.torch;

namespace NinSearch.Model.Training;

public sealed partial class TrainingSession
{
    private Dictionary<string, Tensor>? bestWeights;
    private int bestWeightsEpoch;
    private int? restoredEpoch;

    /// <summary>
    /// The epoch whose weights <see cref="Model"/> holds: the last epoch trained, or the epoch restored by
    /// <see cref="RestoreBestWeights"/>; 0 before any epoch.
    /// </summary>
    public int WeightsEpoch => restoredEpoch ?? EpochsDone;

    /// <summary>
    /// Loads into <see cref="Model"/> the weights and batch-norm statistics of the best validation epoch (the first
    /// with the highest accuracy, the epoch a trial is ranked by), as Keras's <c>restore_best_weights</c> does, and
    /// returns <see cref="WeightsEpoch"/>. Call it after <c>RunAsync</c>, before the final test evaluation and export;
    /// the session is then not meant to train on. The best weights are only known when that epoch ran in this
    /// session with <see cref="TrainerOptions.KeepBestWeights"/>: when the best epoch came before a resume (the
    /// checkpoint holds only the latest state) the model keeps its last weights, and the returned epoch says so.
    /// </summary>
    public int RestoreBestWeights()
    {
        if (Volatile.Read(ref busy) == 1) throw new InvalidOperationException("the session is running; restore the best weights after RunAsync");
        var best = history.Count == 0 ? 0 : history.MaxBy(h => h.ValidationAccuracy)!.Epoch;
        if (bestWeights is null || bestWeightsEpoch != best || best == WeightsEpoch) return WeightsEpoch;
        using var noGrad = no_grad();
        foreach (var (name, target) in Model.state_dict()) target.copy_(bestWeights[name]);
        restoredEpoch = best;
        return best;
    }

    // Called after each epoch's validation: keeps a host copy of the state when this epoch beats every earlier one.
    private void RememberIfBest(EpochMetrics metrics)
    {
        if (!options.KeepBestWeights || double.IsNaN(metrics.ValidationAccuracy)) return;
        if (history.Any(h => h.Epoch != metrics.Epoch && !(h.ValidationAccuracy < metrics.ValidationAccuracy))) return;
        var snapshot = new Dictionary<string, Tensor>();
        using var noGrad = no_grad();
        foreach (var (name, tensor) in Model.state_dict())
        {
            using var scope = NewDisposeScope();
            // One copy to host memory: cpu() already copies a device tensor, clone() only a host one.
            var source = tensor.detach();
            snapshot[name] = (source.device_type == TorchSharp.DeviceType.CPU ? source.clone() : source.cpu()).MoveToOuterDisposeScope();
        }
        DisposeBestWeights();
        bestWeights = snapshot;
        bestWeightsEpoch = metrics.Epoch;
    }

    private void DisposeBestWeights()
    {
        if (bestWeights is null) return;
        foreach (var tensor in bestWeights.Values) tensor.Dispose();
        bestWeights = null;
    }
}
