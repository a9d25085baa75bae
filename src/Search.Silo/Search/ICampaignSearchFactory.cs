using NinSearch.Abstractions;

namespace NinSearch.Silo.Search;

/// <summary>Builds a campaign's <see cref="ICampaignSearch"/>, fresh (then rebuilt from the store on activation).</summary>
public interface ICampaignSearchFactory
{
    /// <summary>
    /// Creates the search for <paramref name="definition"/>, reading what it starts from (earlier campaigns' trials
    /// for a warm start). Throws <see cref="ArgumentException"/> when <see cref="CampaignDefinition.SearchJson"/> cannot
    /// be used; where a field is at fault, the message starts with its path (<c>search.warm_start_from[0]: …</c>).
    /// </summary>
    Task<ICampaignSearch> CreateAsync(CampaignDefinition definition, CancellationToken cancellationToken = default);
}
