using NinSearch.Core.Samplers;
using NinSearch.Core.Spaces;

namespace NinSearch.Core.Campaigns;

/// <summary>
/// Proves a space can produce a trainable candidate under its constraints: samples configurations uniformly
/// (seeded) through the <see cref="ConfigurationMapper"/> and stops at the first accepted one. When none is, the
/// error names the smallest parameter and MAC counts seen, so the user knows how far the limits are.
/// </summary>
internal static class ConstraintFeasibility
{
    /// <summary>
    /// Adds an error when no sampled candidate is accepted. <paramref name="paramsOverridden"/> and
    /// <paramref name="macsOverridden"/> say the limit comes from <c>search.max_params</c> / <c>search.max_macs</c>
    /// rather than the space's own <c>constraints</c>.
    /// </summary>
    public static void Check(ConfigurationMapper mapper, bool paramsOverridden, bool macsOverridden, string spacePath, CampaignValidationOptions options, FieldErrorList errors)
    {
        var space = mapper.Space;
        var rng = new DeterministicRandom(options.FeasibilitySeed);
        var (minParams, minMacs, sized) = (long.MaxValue, long.MaxValue, 0);
        Rejection? invalid = null;
        for (var i = 0; i < options.FeasibilitySamples; i++)
        {
            var result = mapper.Map(space.Decode(SpaceOps.SampleUniform(space, rng)));
            if (result.IsAccepted) return;
            if (result.Rejection!.Reason is RejectionReason.TooManyParams or RejectionReason.TooManyMacs)
            {
                sized++;
                minParams = Math.Min(minParams, result.Params);
                minMacs = Math.Min(minMacs, result.Macs);
            }
            else invalid ??= result.Rejection;
        }
        var n = options.FeasibilitySamples;
        if (sized == 0)
        {
            var what = invalid!.Reason == RejectionReason.InvalidRecipe ? "has a usable training recipe" : "is a valid network";
            errors.Add(spacePath, $"none of {n:N0} sampled configurations {what}, e.g. {invalid.Message}");
            return;
        }
        var limits = mapper.Constraints;
        var paramsImpossible = limits.MaxParams is { } maxParams && minParams > maxParams;
        var macsImpossible = limits.MaxMacs is { } maxMacs && minMacs > maxMacs;
        var path = paramsImpossible && !macsImpossible && paramsOverridden ? "search.max_params"
            : macsImpossible && !paramsImpossible && macsOverridden ? "search.max_macs"
            : paramsImpossible && macsImpossible && paramsOverridden && macsOverridden ? "search"
            : $"{spacePath}.constraints";
        errors.Add(path,
            $"no candidate meets the constraints (max_params {Limit(limits.MaxParams)}, max_macs {Limit(limits.MaxMacs)}): of {n:N0} sampled configurations " +
            $"the smallest had {minParams:N0} parameters and {minMacs:N0} MACs");
    }

    private static string Limit(long? limit) => limit is { } l ? l.ToString("N0") : "none";
}
