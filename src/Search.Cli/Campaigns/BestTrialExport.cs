using System.Text.Json;
using NinSearch.Spec;
using NinSearch.Store;
using NinSearch.Store.Entities;

namespace NinSearch.Cli.Campaigns;

/// <summary>
/// Exports a campaign's best finished trial as a folder a user can load without NinSearch's database:
/// spec.json (the architecture), recipe.json (the training recipe), weights.bin (TorchSharp's format, final
/// weights) and trial.json (its metrics).
/// </summary>
internal static class BestTrialExport
{
    /// <summary>
    /// The best trial by validation accuracy among those that finished with a test accuracy (completed, or stopped
    /// by the scheduler or the budget), or null when none did. Test accuracy never chooses: it is only reported.
    /// </summary>
    public static LeaderboardRow? Best(IReadOnlyList<LeaderboardRow> leaderboard) =>
        leaderboard.Where(r => r.Status is TrialStatus.Complete or TrialStatus.Pruned && r.TestAccuracy is not null).MaxBy(r => r.BestValAccuracy);

    public static async Task<string?> WriteAsync(ICampaignStore store, LeaderboardRow best, string folder, CancellationToken ct)
    {
        var config = SpecJson.Deserialize<TrialConfig>(best.ConfigJson);
        var weights = await store.LoadLatestCheckpointAsync(best.TrialId, CheckpointKind.Final, ct);
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "spec.json"), SpecJson.Serialize(config.Architecture), ct);
        await File.WriteAllTextAsync(Path.Combine(folder, "recipe.json"), SpecJson.Serialize(config.Training), ct);
        if (weights is not null) await File.WriteAllBytesAsync(Path.Combine(folder, "weights.bin"), weights.Data, ct);
        await File.WriteAllTextAsync(Path.Combine(folder, "trial.json"), JsonSerializer.Serialize(new
        {
            trial = best.Number,
            trial_id = best.TrialId,
            best_val_accuracy = best.BestValAccuracy,
            best_epoch = best.BestEpoch,
            test_accuracy = best.TestAccuracy,
            @params = best.Params,
            macs = best.Macs,
            epochs = best.Epochs,
            train_seconds = best.TrainSeconds,
            weights = weights is null ? null : "weights.bin",
        }, new JsonSerializerOptions { WriteIndented = true }), ct);
        return folder;
    }
}
