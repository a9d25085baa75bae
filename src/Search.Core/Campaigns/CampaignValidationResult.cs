using NinSearch.Core.Spaces;

namespace NinSearch.Core.Campaigns;

/// <summary>
/// What <see cref="CampaignValidator.Validate"/> found: the parsed document and its search parts when the document
/// is valid, and every problem found otherwise (in document order, at most
/// <see cref="CampaignValidationOptions.MaxErrors"/> plus one summary).
/// </summary>
public sealed record CampaignValidationResult
{
    /// <summary>The document; null when it has errors.</summary>
    public CampaignFile? Campaign { get; init; }

    /// <summary>The search settings (defaults when <c>search</c> is absent); null for a preset search or when invalid.</summary>
    public SearchSettings? Search { get; init; }

    /// <summary>The search space the campaign will sample (the default space when none is given); null for a preset search or when invalid.</summary>
    public SearchSpace? Space { get; init; }

    public IReadOnlyList<FieldError> Errors { get; init; } = [];

    public bool IsValid => Errors.Count == 0 && Campaign is not null;

    /// <summary>The errors keyed by path, the shape of RFC 9457 validation problem details (<c>TypedResults.ValidationProblem</c>).</summary>
    public IDictionary<string, string[]> ErrorsByPath() =>
        Errors.GroupBy(e => e.Path, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray(), StringComparer.Ordinal);
}
