namespace NinSearch.Model.Training;

/// <summary>How and where to train (the what is the <see cref="Spec.TrialConfig"/>).</summary>
public sealed class TrainerOptions
{
    /// <summary>auto (CUDA when available), cpu, cuda or cuda:N; default auto. The data must already be on this
    /// device (load it with the same choice).</summary>
    public string Device { get; set; } = "auto";

    /// <summary>libtorch intra-op CPU threads (process-wide); 0 keeps libtorch's default of one per core. Default 0.</summary>
    public int Threads { get; set; }

    /// <summary>Train for this many epochs instead of the recipe's budget (the schedule still spans the recipe's
    /// epochs unless this is larger); null for the recipe's. Default null.</summary>
    public int? Epochs { get; set; }

    /// <summary>Read the running loss back every this many steps to stop a diverged run early (each read waits for
    /// the device); the end of every epoch always checks. Default 50.</summary>
    public int DivergenceCheckSteps { get; set; } = 50;

    /// <summary>Batch size of validation and test passes; default 1000.</summary>
    public int EvaluationBatchSize { get; set; } = 1000;

    /// <summary>Stop (status <see cref="TrainingStatus.Stopped"/>) when validation accuracy is still at chance
    /// after this many epochs; 0 never stops for that. Default 0: the outcome flags it either way.</summary>
    public int StopAtChanceAfterEpochs { get; set; }

    /// <summary>Keep convolution weights, and so activations, in the channels-last (NHWC) memory format: true, false,
    /// or null for the device's better choice (channels-last on the CPU, where oneDNN runs it faster; the default
    /// layout on CUDA). Default null.</summary>
    public bool? ChannelsLast { get; set; }

    /// <summary>Keep a host copy of the weights of the best validation epoch so far (refreshed whenever an epoch beats
    /// every earlier one), for <see cref="TrainingSession.RestoreBestWeights"/>; default true. Costs one copy of the
    /// model's state in host memory.</summary>
    public bool KeepBestWeights { get; set; } = true;

    /// <summary>Throws <see cref="ArgumentException"/> for out-of-range settings.</summary>
    public void Validate()
    {
        if (Threads < 0) throw new ArgumentException($"threads must be ≥ 0, got {Threads}");
        if (Epochs is < 1) throw new ArgumentException($"epochs must be ≥ 1, got {Epochs}");
        if (DivergenceCheckSteps < 1) throw new ArgumentException($"divergence check steps must be ≥ 1, got {DivergenceCheckSteps}");
        if (EvaluationBatchSize < 1) throw new ArgumentException($"evaluation batch size must be ≥ 1, got {EvaluationBatchSize}");
        if (StopAtChanceAfterEpochs < 0) throw new ArgumentException($"stop-at-chance epochs must be ≥ 0, got {StopAtChanceAfterEpochs}");
    }
}
