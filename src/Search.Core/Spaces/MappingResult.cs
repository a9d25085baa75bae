using NinSearch.Spec;

namespace NinSearch.Core.Spaces;

/// <summary>
/// The outcome of <see cref="ConfigurationMapper.Map"/>: either <see cref="Trial"/> (with its analytic size) or
/// <see cref="Rejection"/>, never both. <see cref="Params"/> and <see cref="Macs"/> are 0 when the spec is invalid.
/// </summary>
public sealed record MappingResult(Configuration Configuration, TrialConfig? Trial, Rejection? Rejection, long Params, long Macs)
{
    public bool IsAccepted => Trial is not null;
}
