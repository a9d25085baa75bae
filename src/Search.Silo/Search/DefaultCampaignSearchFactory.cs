using NinSearch.Abstractions;

namespace NinSearch.Silo.Search;

/// <summary>
/// The silo's default factory. Until Search.Core's samplers and schedulers are wired in, every campaign uses
/// <see cref="PresetSearch"/>.
/// </summary>
public sealed class DefaultCampaignSearchFactory : ICampaignSearchFactory
{
    public ICampaignSearch Create(CampaignDefinition definition, string? samplerState, string? schedulerState) =>
        PresetSearch.FromJson(definition.SearchJson);
}
