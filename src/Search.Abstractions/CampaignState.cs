namespace NinSearch.Abstractions;

/// <summary>A campaign's lifecycle: Draft → Running → Completed, Cancelled or Failed (the last three are terminal).</summary>
public enum CampaignState
{
    Draft = 0,
    Running = 1,
    Completed = 2,
    Cancelled = 3,
    Failed = 4,
}
