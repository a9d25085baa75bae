namespace NinSearch.Worker;

/// <summary>Which <see cref="Runners.ITrialRunner"/> a worker uses.</summary>
public enum TrialRunnerKind
{
    /// <summary>Real training with Search.Model (TorchSharp).</summary>
    Torch = 0,

    /// <summary>No training; for the coordination benchmark and tests.</summary>
    NoOp = 1,
}
