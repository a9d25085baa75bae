namespace NinSearch.Core.Samplers;

/// <summary>The sampler has no new configuration left (a finished grid, or a tiny discrete space fully taken).</summary>
public sealed class SamplerExhaustedException(string message) : Exception(message);
