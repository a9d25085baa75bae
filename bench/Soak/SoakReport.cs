using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace NinSearch.Bench.Soak;

/// <summary>Turns the recordings into per-minute rows, the memory verdict, a table and JSON.</summary>
internal static class SoakReport
{
    private const double MiB = 1 << 20;

    public static IReadOnlyList<SoakMinute> Minutes(SoakRecorder recorder, MemorySampler memory, IReadOnlyList<SiloProcess> silos)
    {
        var samples = memory.Samples;
        var load = memory.Load;
        return [.. recorder.Minutes().Select(m => new SoakMinute(
            m.Index + 1, m.Samples.Lifecycles, m.Samples.Errors,
            P(m.Samples.Lease, 0.5), P(m.Samples.Lease, 0.99), P(m.Samples.Report, 0.5), P(m.Samples.Report, 0.99),
            P(m.Samples.Complete, 0.5), P(m.Samples.Complete, 0.99), P(m.Samples.Heartbeat, 0.5), P(m.Samples.Heartbeat, 0.99),
            load.TryGetValue(m.Index, out var l) ? l : double.NaN,
            [.. silos.Select(s => samples.Where(x => x.Minute == m.Index && x.Silo == s.Name).ToList())
                .Where(x => x.Count > 0)
                .Select(x => new SiloMemory(x[0].Silo, x.Average(y => y.RssBytes) / MiB,
                    x.All(y => y.HeapBytes is not null) ? x.Average(y => y.HeapBytes!.Value) / MiB : null))]))];
    }

    /// <summary>Each silo's second minute against the last full minute of leasing.</summary>
    public static IReadOnlyList<MemoryDrift> Drift(IReadOnlyList<SoakMinute> minutes, SoakOptions options)
    {
        var last = minutes.LastOrDefault(m => m.Minute <= Math.Floor(options.Minutes));
        var second = minutes.FirstOrDefault(m => m.Minute == 2);
        if (last is null || second is null || last == second) return [];
        return [.. second.Silos.Select(s => (Second: s, Last: last.Silos.FirstOrDefault(x => x.Silo == s.Silo)))
            .Where(p => p.Last is not null)
            .Select(p => new MemoryDrift(p.Second.Silo, p.Second.RssMiB, p.Last!.RssMiB, p.Last.RssMiB / p.Second.RssMiB - 1,
                p.Second.HeapMiB, p.Last.HeapMiB, p.Second.HeapMiB is { } a && p.Last.HeapMiB is { } b ? b / a - 1 : null))];
    }

    public static string Table(SoakSummary summary)
    {
        var text = new StringBuilder();
        var silos = summary.Minutes.SelectMany(m => m.Silos.Select(s => s.Silo)).Distinct().ToList();
        text.Append("| min | lifecycles | errors | lease p50/p99 ms | report p50/p99 ms | complete p50/p99 ms | heartbeat p50/p99 ms | load |");
        foreach (var silo in silos) text.Append($" {silo} RSS/heap MiB |");
        text.AppendLine();
        text.Append("|---|---|---|---|---|---|---|---|").AppendLine(string.Concat(silos.Select(_ => "---|")));
        foreach (var m in summary.Minutes)
        {
            var label = m.Minute > Math.Ceiling(summary.Options.Minutes) ? "drain" : m.Minute.ToString(CultureInfo.InvariantCulture);
            text.Append(CultureInfo.InvariantCulture, $"| {label} | {m.Lifecycles:N0} | {m.Errors} | {m.LeaseP50:0.0} / {m.LeaseP99:0.0} | {m.ReportP50:0.0} / {m.ReportP99:0.0} | ");
            text.Append(CultureInfo.InvariantCulture, $"{m.CompleteP50:0.0} / {m.CompleteP99:0.0} | {m.HeartbeatP50:0.0} / {m.HeartbeatP99:0.0} | {m.LoadAverage:0.0} |");
            foreach (var silo in silos)
                text.Append(m.Silos.FirstOrDefault(s => s.Silo == silo) is { } s
                    ? string.Create(CultureInfo.InvariantCulture, $" {s.RssMiB:0} / {s.HeapMiB:0} |") : " - |");
            text.AppendLine();
        }
        var c = summary.Checks;
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"trials: {c.TrialsGranted:N0} granted, {c.TrialsStored:N0} stored; epoch rows {c.EpochRows:N0}, reports accepted {c.EpochsAccepted:N0}");
        text.AppendLine(CultureInfo.InvariantCulture, $"granted twice: {(c.NoneGrantedTwice ? "none" : "YES")} (to two workers {c.GrantedTwice}, second attempts {c.SecondAttempts}, duplicated epochs {c.DuplicatedEpochs})");
        text.AppendLine(CultureInfo.InvariantCulture, $"lost: {(c.NoneLost ? "none" : "YES")} (LeaseLost answers {c.LeasesLost}, completions refused {c.CompletionsRefused}, lease expiries {c.LeaseExpiries}, failed attempts {c.FailedAttempts}, granted but not ended by their worker {c.GrantedNotEnded}, stored but never granted {c.StoredNotGranted})");
        foreach (var d in summary.Memory)
            text.AppendLine(CultureInfo.InvariantCulture, $"memory {d.Silo}: RSS {d.SecondRssMiB:0} -> {d.LastRssMiB:0} MiB ({d.RssChange:+0.0%;-0.0%}), heap {d.SecondHeapMiB:0} -> {d.LastHeapMiB:0} MiB ({d.HeapChange:+0.0%;-0.0%}): {(d.Flat ? "flat" : "NOT flat")}");
        text.AppendLine($"silos alive at the end: {summary.SilosAlive}; load before {summary.LoadBefore}, after {summary.LoadAfter}; commit {summary.Commit}");
        text.AppendLine($"soak: {(summary.Passed ? "PASSED" : "FAILED")}");
        return text.ToString();
    }

    public static string Json(SoakSummary summary) => JsonSerializer.Serialize(summary, new JsonSerializerOptions
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    });

    private static double P(List<double> samples, double p)
    {
        if (samples.Count == 0) return double.NaN;
        var sorted = samples.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
    }
}
