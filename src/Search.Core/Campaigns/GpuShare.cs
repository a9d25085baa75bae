using System.Globalization;

namespace NinSearch.Core.Campaigns;

/// <summary>
/// The GPUs a trial may ask for: 0 (a CPU trial), a share of one device in (0, 1] that packs with other trials on it,
/// or a whole number of devices. A share above 1 (1.5) is refused: one trial cannot take half of a second device.
/// </summary>
public static class GpuShare
{
    /// <summary>Why <paramref name="gpus"/> is not a valid request, or null when it is.</summary>
    public static string? Check(double gpus)
    {
        var shown = gpus.ToString(CultureInfo.InvariantCulture);
        if (!double.IsFinite(gpus) || gpus < 0) return $"must be 0 (CPU), a share in (0, 1] or a whole number ≥ 1, got {shown}";
        if (gpus > 1 && gpus != Math.Floor(gpus)) return $"must be a share in (0, 1] or a whole number of GPUs, got {shown}";
        return null;
    }
}
