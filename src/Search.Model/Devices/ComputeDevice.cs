using TorchSharp;

namespace NinSearch.Model.Devices;

/// <summary>
/// Turns the user's device choice into a libtorch device: <c>auto</c> (CUDA when available, else CPU), <c>cpu</c>,
/// <c>cuda</c> or <c>cuda:N</c>.
/// </summary>
public static class ComputeDevice
{
    /// <summary>The device for <paramref name="choice"/>; throws <see cref="ArgumentException"/> for an unknown
    /// choice, or when CUDA is asked for and not available.</summary>
    public static torch.Device Resolve(string? choice)
    {
        var text = (choice ?? "auto").Trim().ToLowerInvariant();
        if (text is "" or "auto") return CudaAvailable() ? torch.CUDA : torch.CPU;
        if (text == "cpu") return torch.CPU;
        if (text == "cuda" || text.StartsWith("cuda:", StringComparison.Ordinal))
        {
            var index = 0;
            if (text.Length > 4 && (!int.TryParse(text.AsSpan(5), out index) || index < 0))
                throw new ArgumentException($"device '{choice}': expected cuda:N with N ≥ 0", nameof(choice));
            if (!CudaAvailable())
                throw new ArgumentException($"device '{choice}': CUDA is not available in this libtorch build or on this machine", nameof(choice));
            if (index >= torch.cuda.device_count())
                throw new ArgumentException($"device '{choice}': only {torch.cuda.device_count()} CUDA device(s)", nameof(choice));
            return torch.device(DeviceType.CUDA, index);
        }
        throw new ArgumentException($"unknown device '{choice}'; use auto, cpu, cuda or cuda:N", nameof(choice));
    }

    private static readonly Lazy<bool> Cuda = new(ProbeCuda);

    /// <summary>Whether libtorch can use a CUDA device here (probed once per process).</summary>
    public static bool CudaAvailable() => Cuda.Value;

    private static bool ProbeCuda()
    {
        try
        {
            // With the CPU-only libtorch, CUDA cannot initialize; that simply means "no CUDA".
            torch.InitializeDeviceType(DeviceType.CUDA);
            return torch.cuda.is_available();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return false;
        }
    }
}
