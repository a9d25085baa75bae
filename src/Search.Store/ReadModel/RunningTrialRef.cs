namespace NinSearch.Store.ReadModel;

/// <summary>A trial a worker runs: its campaign, number and the epochs it has reported.</summary>
public sealed record RunningTrialRef(string CampaignId, int Number, int Epochs);
