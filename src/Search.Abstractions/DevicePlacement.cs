namespace NinSearch.Abstractions;

/// <summary>
/// Where a trial runs on its worker: the GPUs it takes <see cref="ResourceRequest.Gpus"/> of (one for a fractional
/// request, that many whole ones otherwise), or none for a CPU trial. Decided by <see cref="GpuPlacement.FirstFit"/>.
/// </summary>
public sealed record DevicePlacement(IReadOnlyList<int> Gpus)
{
    /// <summary>A CPU trial: no GPU.</summary>
    public static DevicePlacement Cpu { get; } = new([]);

    /// <summary>The GPU the trial's tensors live on (the first of several), or null on the CPU.</summary>
    public int? PrimaryGpu => Gpus.Count > 0 ? Gpus[0] : null;

    public override string ToString() => Gpus.Count == 0 ? "cpu" : string.Join(",", Gpus.Select(g => $"cuda:{g}"));
}
