namespace NinSearch.EndToEnd.Tests;

/// <summary>
/// The fault tests run one after another: each starts a silo and workers as processes, and run side by side on two
/// CI cores they starve each other (and the other end-to-end tests) of the CPU their short leases assume.
/// </summary>
internal static class FaultTests
{
    public const string Collection = "faults";
}
