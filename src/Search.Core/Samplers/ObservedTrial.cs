using NinSearch.Core.Spaces;

namespace NinSearch.Core.Samplers;

/// <summary>A finished trial of an earlier campaign, for <see cref="ISampler.WarmStart"/>.</summary>
public sealed record ObservedTrial(Configuration Configuration, TrialOutcome Outcome);
