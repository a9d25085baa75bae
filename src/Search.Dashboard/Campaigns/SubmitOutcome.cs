using NinSearch.Store.ReadModel;

namespace NinSearch.Dashboard.Campaigns;

/// <summary>
/// What submitting a campaign document gave: the new campaign, or the errors keyed by the JSON path of the field at
/// fault (<c>search.space.dimensions[2].low</c>, <c>budget.max_trials</c>) with nothing stored.
/// </summary>
public sealed record SubmitOutcome(CampaignSummary? Campaign, IDictionary<string, string[]> Errors)
{
    /// <summary>Whether the campaign was created.</summary>
    public bool Succeeded => Campaign is not null;

    internal static SubmitOutcome Invalid(IDictionary<string, string[]> errors) => new(null, errors);

    internal static SubmitOutcome Invalid(string field, string message) => new(null, new Dictionary<string, string[]> { [field] = [message] });
}
