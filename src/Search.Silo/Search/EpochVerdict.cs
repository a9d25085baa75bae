namespace NinSearch.Silo.Search;

/// <summary>The search's answer to one recorded epoch: stop the trial or not, and whether its saved state changed.</summary>
public readonly record struct EpochVerdict(bool Stop, bool StateChanged, string? Reason = null)
{
    public static EpochVerdict Continue { get; } = new(false, false);
}
