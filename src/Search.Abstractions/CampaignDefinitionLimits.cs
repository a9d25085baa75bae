using NinSearch.Core.Campaigns;

namespace NinSearch.Abstractions;

/// <summary>The checks <see cref="ICampaignGrain.StartAsync"/> runs before anything is stored or expanded.</summary>
public static class CampaignDefinitionLimits
{
    extension(CampaignDefinition definition)
    {
        /// <summary>
        /// Throws <see cref="ArgumentException"/> listing every field at fault (<c>search.space.dimensions[1].high: …</c>)
        /// when <see cref="CampaignValidator.ValidateStart"/> refuses the definition's name or search section.
        /// </summary>
        public void EnsureWithinLimits(CampaignValidationOptions? options = null)
        {
            ArgumentNullException.ThrowIfNull(definition);
            var errors = CampaignValidator.ValidateStart(definition.Name, definition.SearchJson, options);
            if (errors.Count > 0) throw new ArgumentException($"the campaign is invalid: {string.Join("; ", errors)}", nameof(definition));
        }
    }
}
