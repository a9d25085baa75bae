namespace NinSearch.Simulation.Tests;

/// <summary>
/// Defects of the coordinator the simulator found and that are not fixed yet (their traces are in
/// /tmp/prompts/sim-findings.md and in the Skip reasons of <see cref="KnownDefectTests"/>), by the signature of the
/// violation they cause. The fixed-seed sweep tolerates these signatures and fails on any other; when a defect is fixed,
/// delete its line here and un-skip its test.
/// </summary>
internal static class KnownDefects
{
    // None known: S1–S9 are fixed (each has its seed test in KnownDefectTests). A new defect adds its const and its
    // signature here, with a skipped seed test, until it is fixed.
    private static readonly (string Signature, string Defect)[] Signatures = [];

    /// <summary>The known defect behind a violation's signature, or null for a new one.</summary>
    public static string? Explain(string signature) =>
        Signatures.FirstOrDefault(s => signature.StartsWith(s.Signature, StringComparison.Ordinal)).Defect;
}
