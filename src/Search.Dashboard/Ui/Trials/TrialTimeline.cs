using NinSearch.Spec;
using NinSearch.Store.ReadModel;

namespace NinSearch.Dashboard.Ui.Trials;

/// <summary>
/// A trial's story for people, oldest first: when it was sampled, each attempt (which epochs it trained, from which
/// checkpoint it resumed), the campaign events stored about it (releases, expired leases, failures, rejection) and how
/// it ended. The coordinator stores events only for the unusual; the ordinary steps are read from the trial itself.
/// </summary>
public static class TrialTimeline
{
    public static IReadOnlyList<TimelineEntry> Of(TrialDetail trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        var entries = new List<TimelineEntry> { new(trial.CreatedAt, "sampled", $"trial {trial.Trial.Number} sampled") };
        foreach (var attempt in trial.Attempts)
        {
            var epochs = attempt.FirstEpoch == attempt.LastEpoch ? $"epoch {attempt.FirstEpoch}" : $"epochs {attempt.FirstEpoch}–{attempt.LastEpoch}";
            var resumed = attempt.FirstEpoch > 1 ? $", resumed from the checkpoint of epoch {attempt.FirstEpoch - 1}" : "";
            entries.Add(new(attempt.StartedAt, $"attempt {attempt.Attempt}", $"trained {epochs}{resumed}"));
        }
        entries.AddRange(trial.Events.Select(e => new TimelineEntry(e.At, Format.Words(e.Kind), e.Message)));
        if (trial.EndedAt is { } ended && trial.Trial.Status.IsTerminal())
        {
            var how = Format.Words(trial.Trial.Status);
            entries.Add(new(ended, how, string.IsNullOrWhiteSpace(trial.Trial.Reason) ? $"trial {trial.Trial.Number} {how}" : trial.Trial.Reason));
        }
        // Stable: at equal times the order above (sampled, attempts, events, end) stays.
        return [.. entries.OrderBy(e => e.At)];
    }
}

/// <summary>One line of a <see cref="TrialTimeline"/>.</summary>
public sealed record TimelineEntry(DateTimeOffset At, string What, string Message);
