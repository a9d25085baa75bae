using NinSearch.Abstractions;

namespace NinSearch.Silo.Search;

/// <summary>Builds a campaign's <see cref="ICampaignSearch"/>, fresh (then rebuilt from the store on activation).</summary>
public interface ICampaignSearchFactory
{
    /// <summary>
    /// Creates the search for <paramref name="definition"/>. Throws <see cref="ArgumentException"/> when
    /// <see cref="CampaignDefinition.SearchJson"/> cannot be used.
    /// </summary>
    ICampaignSearch Create(CampaignDefinition definition);
}
