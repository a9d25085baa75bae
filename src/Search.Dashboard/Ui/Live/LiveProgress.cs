using NinSearch.Abstractions;
using NinSearch.Store.ReadModel;

namespace NinSearch.Dashboard.Ui.Live;

/// <summary>A campaign's trial counts and epochs now, against its budget (null limits: none set).</summary>
public sealed record LiveProgress(
    int TrialsStarted,
    int TrialsRunning,
    int TrialsWaiting,
    int TrialsComplete,
    int TrialsPruned,
    int TrialsFailed,
    int TrialsRejected,
    long EpochsUsed,
    int? MaxTrials,
    long? MaxEpochs)
{
    public static LiveProgress From(CampaignProgress progress) => new(
        progress.TrialsStarted, progress.TrialsRunning, progress.TrialsWaiting, progress.TrialsComplete, progress.TrialsPruned,
        progress.TrialsFailed, progress.TrialsRejected, progress.EpochsUsed, progress.MaxTrials, progress.MaxEpochs);

    /// <summary>The counts of <paramref name="snapshot"/>, the limits of this.</summary>
    public LiveProgress With(CampaignSnapshot snapshot) => this with
    {
        TrialsStarted = snapshot.TrialsStarted,
        TrialsRunning = snapshot.TrialsRunning,
        TrialsWaiting = snapshot.TrialsWaiting,
        TrialsComplete = snapshot.TrialsCompleted,
        TrialsPruned = snapshot.TrialsPruned,
        TrialsFailed = snapshot.TrialsFailed,
        TrialsRejected = snapshot.TrialsRejected,
        EpochsUsed = snapshot.EpochsReported,
    };
}
