using NinSearch.Abstractions;

namespace NinSearch.Silo.Search;

/// <summary>Builds a campaign's <see cref="ICampaignSearch"/>, fresh or from saved state (on grain activation).</summary>
public interface ICampaignSearchFactory
{
    /// <summary>
    /// Creates the search for <paramref name="definition"/>; with saved states, continues exactly where they left off.
    /// Throws <see cref="ArgumentException"/> when <see cref="CampaignDefinition.SearchJson"/> cannot be used.
    /// </summary>
    ICampaignSearch Create(CampaignDefinition definition, string? samplerState, string? schedulerState);
}
