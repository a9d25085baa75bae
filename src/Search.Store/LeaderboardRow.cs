using NinSearch.Spec;
using NinSearch.Store.Entities;

namespace NinSearch.Store;

/// <summary>One line of a campaign's leaderboard (see <see cref="ICampaignStore.GetLeaderboardAsync"/>).</summary>
/// <param name="TrialId">The trial.</param>
/// <param name="Number">The trial's number within the campaign.</param>
/// <param name="Status">The trial's current status.</param>
/// <param name="BestValAccuracy">Highest validation accuracy over its recorded epochs.</param>
/// <param name="BestEpoch">The earliest epoch reaching <paramref name="BestValAccuracy"/>.</param>
/// <param name="TestAccuracy">Test accuracy, reported when the trial finished; null before.</param>
/// <param name="Params">Trainable parameters.</param>
/// <param name="Macs">Multiply-accumulates per image.</param>
/// <param name="Epochs">Number of recorded epochs (rows in <c>epoch_metrics</c>).</param>
/// <param name="TrainSeconds">Training wall time, reported when the trial finished; null before.</param>
/// <param name="WorkerId">The worker holding the trial, or the one that finished it; null while it waits.</param>
/// <param name="ConfigJson">The trial's configuration.</param>
public sealed record LeaderboardRow(
    Guid TrialId,
    int Number,
    TrialStatus Status,
    double BestValAccuracy,
    int? BestEpoch,
    double? TestAccuracy,
    long Params,
    long Macs,
    int Epochs,
    double? TrainSeconds,
    string? WorkerId,
    string ConfigJson);
