using NinSearch.Abstractions;

namespace NinSearch.Dashboard.Events;

/// <summary>A campaign update as an event stream sends it: numbered in the order the dashboard received it.</summary>
/// <param name="Sequence">1, 2, 3, … per live feed of a campaign (it restarts when nobody has listened for a while).</param>
/// <param name="Update">The update.</param>
public sealed record SequencedUpdate(long Sequence, CampaignUpdate Update);
