using NinSearch.Spec;

namespace NinSearch.Core.Schedulers;

/// <summary>No early stopping: every report is answered Continue; trials run their whole budget. Stateless.</summary>
public sealed class FifoScheduler : IScheduler
{
    public SchedulerKind Kind => SchedulerKind.Fifo;

    public EpochDecision OnReport(long trialId, int epoch, double metric) => EpochDecision.Continue;

    public void OnComplete(long trialId)
    {
    }

    public string SaveState() => StateJson.Serialize(new { kind = Kind });

    public void RestoreState(string json)
    {
        var state = StateJson.Deserialize<Dictionary<string, System.Text.Json.JsonElement>>(json, "scheduler");
        if (!state.TryGetValue("kind", out var k) || k.GetString() != "fifo") throw new ArgumentException("the state is not a FIFO scheduler's", nameof(json));
    }
}
