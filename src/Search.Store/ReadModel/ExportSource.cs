using NinSearch.Spec;

namespace NinSearch.Store.ReadModel;

/// <summary>
/// What an export of one trial needs from the store: its configuration, final weights (TorchSharp format, with the
/// preprocessing the worker recorded beside them), the epoch they are from, and its learning curve.
/// </summary>
public sealed record ExportSource(
    string CampaignId,
    TrialDetail Trial,
    TrialConfig Config,
    byte[] Weights,
    int WeightsEpoch,
    string? PreprocessingJson);
