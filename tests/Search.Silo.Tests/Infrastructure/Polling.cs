namespace NinSearch.Silo.Tests.Infrastructure;

/// <summary>
/// Waits for what a silo's own timers do (lease sweeps, workers' loops): they keep real time, so there is no clock to
/// move and no event to await, only the outcome to look for.
/// </summary>
public static class Polling
{
    /// <summary>True once <paramref name="condition"/> holds, false when it still does not after <paramref name="within"/> (30 s by default).</summary>
    public static async Task<bool> Eventually(Func<Task<bool>> condition, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            if (await condition()) return true;
            if (DateTime.UtcNow > deadline) return false;
            await Task.Delay(100);
        }
    }
}
