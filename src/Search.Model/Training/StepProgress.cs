namespace NinSearch.Model.Training;

/// <summary>Where a run is inside an epoch, for progress bars: <paramref name="Step"/> of
/// <paramref name="StepsPerEpoch"/> steps of epoch <paramref name="Epoch"/> (both from 1) are done.</summary>
public sealed record StepProgress(int Epoch, int Step, int StepsPerEpoch, int Epochs);
