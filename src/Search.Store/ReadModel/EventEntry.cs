using NinSearch.Store.Entities;

namespace NinSearch.Store.ReadModel;

/// <summary>One line of a campaign's event log (its id grows with time: page with "after id").</summary>
public sealed record EventEntry(long Id, DateTimeOffset At, CampaignEventKind Kind, int? TrialNumber, string Message);
