using System.Diagnostics;
using System.Globalization;
using System.Text;
using NinSearch.Simulation;
using NinSearch.Simulation.Cluster;
using NinSearch.Simulation.Runtime;

// dotnet run --project bench/Simulate -c Release -- --schedules N [--threads T] [--seed S] [--summary FILE] [--shrink K] [--minutes M] [--verbose]
// Runs seeds S .. S+N-1 (stopping early after M minutes: the summary then says how many ran), then shrinks the first
// violation of up to K distinct signatures and prints its trace (the full one goes beside the summary).
var schedules = 1000L;
var threads = 2;
var firstSeed = 1L;
var summaryPath = Path.Combine("runs", "simulate-summary.md"); // runs/ is git-ignored
var shrink = 3;
var verbose = false;
var minutes = double.PositiveInfinity;
for (var i = 0; i < args.Length; i++)
{
    string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
    switch (args[i])
    {
        case "--schedules": schedules = long.Parse(Value(), CultureInfo.InvariantCulture); break;
        case "--threads": threads = int.Parse(Value(), CultureInfo.InvariantCulture); break;
        case "--seed": firstSeed = long.Parse(Value(), CultureInfo.InvariantCulture); break;
        case "--summary": summaryPath = Value(); break;
        case "--shrink": shrink = int.Parse(Value(), CultureInfo.InvariantCulture); break;
        case "--verbose": verbose = true; break;
        case "--minutes": minutes = double.Parse(Value(), CultureInfo.InvariantCulture); break;
        default:
            Console.Error.WriteLine($"unknown option {args[i]}; usage: --schedules N [--threads T] [--seed S] [--summary FILE] [--shrink K] [--minutes M] [--verbose]");
            return 2;
    }
}

long unobserved = 0;
var unobservedKinds = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
TaskScheduler.UnobservedTaskException += (_, e) =>
{
    Interlocked.Increment(ref unobserved);
    var inner = e.Exception.InnerException;
    unobservedKinds.AddOrUpdate($"{inner?.GetType().Name}: {inner?.Message} @ {inner?.StackTrace?.Split('\n').FirstOrDefault()?.Trim()}", 1, (_, n) => n + 1);
    e.SetObserved();
};
if (Path.GetDirectoryName(Path.GetFullPath(summaryPath)) is { } folder) Directory.CreateDirectory(folder);
var options = new SimulationOptions { Coordinator = RealCoordinator.Factory };
var next = firstSeed - 1;
var last = firstSeed + schedules - 1;
long done = 0, steps = 0, crashes = 0, grants = 0;
var violations = new List<(long Seed, string Invariant, string Message)>();
var gate = new Lock();
var clock = Stopwatch.StartNew();
var lastReport = TimeSpan.Zero;

void Work()
{
    long localSteps = 0, localCrashes = 0, localGrants = 0, localDone = 0;
    while (true)
    {
        if (clock.Elapsed.TotalMinutes >= minutes) break;
        var seed = Interlocked.Increment(ref next);
        if (seed > last) break;
        var outcome = Simulator.Run(seed, options);
        localSteps += outcome.Steps;
        localCrashes += outcome.Crashes;
        localGrants += outcome.Grants;
        if (outcome.Violation is { } violation)
            lock (gate) violations.Add((seed, violation.Signature, violation.Message));
        if (++localDone % 1000 == 0)
        {
            Interlocked.Add(ref done, localDone);
            localDone = 0;
            lock (gate)
            {
                if (clock.Elapsed - lastReport > TimeSpan.FromSeconds(30))
                {
                    lastReport = clock.Elapsed;
                    var total = Interlocked.Read(ref done);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{total} schedules, {total / clock.Elapsed.TotalSeconds:F0}/s, {violations.Count} violations"));
                }
            }
        }
    }
    Interlocked.Add(ref done, localDone);
    Interlocked.Add(ref steps, localSteps);
    Interlocked.Add(ref crashes, localCrashes);
    Interlocked.Add(ref grants, localGrants);
}

var workers = Enumerable.Range(0, threads).Select(_ => new Thread(Work) { IsBackground = true }).ToList();
workers.ForEach(t => t.Start());
workers.ForEach(t => t.Join());
clock.Stop();

var summary = new StringBuilder();
summary.AppendLine(CultureInfo.InvariantCulture, $"schedules: {done} of seeds {firstSeed}..{last}{(done < schedules ? $" (stopped after {minutes} minutes)" : "")} on {threads} threads");
summary.AppendLine(CultureInfo.InvariantCulture, $"wall: {clock.Elapsed.TotalSeconds:F1} s, {done / clock.Elapsed.TotalSeconds:F1} schedules/s, {clock.Elapsed.TotalMilliseconds * threads / Math.Max(1, done):F2} ms per schedule per thread");
summary.AppendLine(CultureInfo.InvariantCulture, $"steps: {steps} ({steps / (double)Math.Max(1, done):F0} per schedule), silo crashes: {crashes}, leases granted: {grants}");
GC.Collect();
GC.WaitForPendingFinalizers();
summary.AppendLine(CultureInfo.InvariantCulture, $"unobserved task exceptions: {Interlocked.Read(ref unobserved)}");
foreach (var (kind, count) in unobservedKinds.OrderByDescending(k => k.Value).Take(verbose ? 10 : 0))
    summary.AppendLine(CultureInfo.InvariantCulture, $"  {count}× {kind}");
summary.AppendLine(CultureInfo.InvariantCulture, $"violations: {violations.Count}");
foreach (var group in violations.OrderBy(v => v.Seed).GroupBy(v => v.Invariant))
{
    summary.AppendLine(CultureInfo.InvariantCulture, $"  {group.Key}: {group.Count()} (seeds {string.Join(", ", group.Take(20).Select(v => v.Seed))})");
    summary.AppendLine(CultureInfo.InvariantCulture, $"    first: {group.First().Message}");
}
if (verbose)
    foreach (var (seed, invariant, message) in violations.OrderBy(v => v.Seed))
        summary.AppendLine(CultureInfo.InvariantCulture, $"  seed {seed}: {(message.Length > 400 ? message[..400] + " …" : message)}");
foreach (var (seed, invariant, _) in violations.OrderBy(v => v.Seed).DistinctBy(v => v.Invariant).Take(shrink))
{
    var recorded = Choices.FromSeed(seed, record: true);
    Simulator.Run(recorded, options);
    var shrunk = Shrinker.Shrink(recorded.Recorded, invariant, options);
    var replay = Simulator.Run(Choices.Replay(shrunk), options, trace: true);
    summary.AppendLine();
    summary.AppendLine(CultureInfo.InvariantCulture, $"seed {seed}, {invariant}: shrunk from {recorded.Recorded.Count} to {shrunk.Count} choices, {replay.Steps} steps");
    summary.AppendLine(CultureInfo.InvariantCulture, $"choices: [{string.Join(",", shrunk)}]");
    summary.AppendLine(replay.Violation?.Message);
    var tracePath = $"{summaryPath}.seed-{seed}.trace";
    File.WriteAllText(tracePath, $"seed {seed}: {replay.Violation?.Message}\nchoices: [{string.Join(",", shrunk)}]\n{replay.Trace}");
    summary.AppendLine(CultureInfo.InvariantCulture, $"full trace: {tracePath}");
    var lines = (replay.Trace ?? "").Split('\n');
    // A wedge's tail is idle polling: the head shows how it came about.
    if (lines.Length > 400) lines = [.. lines.Take(300), $"    … {lines.Length - 350} lines …", .. lines.TakeLast(50)];
    summary.AppendLine(string.Join('\n', lines));
}
Console.Write(summary);
File.WriteAllText(summaryPath, summary.ToString());
Console.WriteLine($"summary written to {summaryPath}");
return violations.Count == 0 ? 0 : 1;
