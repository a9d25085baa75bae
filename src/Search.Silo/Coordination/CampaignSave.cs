using NinSearch.Spec;

namespace NinSearch.Silo.Coordination;

/// <summary>The campaign row's conditional save (<c>SaveCampaignStateAsync</c>), planned by <see cref="CampaignState.PlanSave"/>.</summary>
public sealed record CampaignSave(CampaignStatus Status, string? Reason, int TrialsCreated, long EpochsUsed, long ExpectedVersion);
