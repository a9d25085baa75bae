using NinSearch.Spec;

namespace NinSearch.Core.Schedulers;

/// <summary>
/// Early stopping. A worker reports its trial's metric (maximized, e.g. validation accuracy) after every epoch and
/// obeys the answer: <see cref="EpochDecision.Stop"/> ends the trial, Continue and Promote keep it training.
/// <para>Contract:</para>
/// <list type="bullet">
/// <item><c>epoch</c> is the 1-based number of epochs finished. A report for an epoch not after the trial's last one
/// (a duplicate or late report) changes nothing and gets the answer given before at that epoch (Continue if none).
/// Once stopped, a trial is answered Stop.</item>
/// <item>Deterministic: the same order of reports and completions gives the same decisions.</item>
/// <item><see cref="SaveState"/>/<see cref="RestoreState"/> round-trip through JSON; after a restore every later
/// decision equals the uninterrupted scheduler's.</item>
/// <item>Thread-safe: calls are serialized by a lock.</item>
/// </list>
/// <example><code>
/// var scheduler = SchedulerFactory.Create(SchedulerKind.Asha, new SchedulerOptions { MaxEpochs = 27, Eta = 3 });
/// if (scheduler.OnReport(trialId, epoch, accuracy) == EpochDecision.Stop) StopTraining();
/// </code></example>
/// </summary>
public interface IScheduler
{
    SchedulerKind Kind { get; }

    /// <summary>Records a report and decides.</summary>
    EpochDecision OnReport(long trialId, int epoch, double metric);

    /// <summary>
    /// Records a report of every objective (natural units, in the order of the campaign's objectives;
    /// the first is the per-epoch metric) and decides. Schedulers that rank by one metric use the first (this default);
    /// ASHA with several objectives ranks its rungs by non-dominated sorting.
    /// </summary>
    EpochDecision OnReport(long trialId, int epoch, IReadOnlyList<double> objectives) => OnReport(trialId, epoch, objectives[0]);

    /// <summary>The trial ended (budget reached, stopped, failed); later reports for it are answered Stop.</summary>
    void OnComplete(long trialId);

    string SaveState();

    /// <summary>Replaces the state with a saved one; throws <see cref="ArgumentException"/> for another kind.</summary>
    void RestoreState(string json);
}
