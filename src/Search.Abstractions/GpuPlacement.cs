namespace NinSearch.Abstractions;

/// <summary>
/// The one rule that decides on which GPUs a trial goes, shared by the silo (<see cref="ResourceRequest.FitsIn"/>,
/// before it leases) and the worker (its <c>TrialPacker</c>, when the lease arrives), so the silo never leases a trial
/// the worker cannot place. First fit, in device order: a fractional request (0 &lt; gpus &lt; 1) takes the first device
/// with that share and the requested memory free; a request for n whole GPUs takes the first n idle devices with the
/// memory free. The sum on a device therefore never exceeds 1 GPU or its memory.
/// </summary>
/// <example>
/// Two devices with 0.5 and 1.0 free: <c>gpus: 0.25</c> goes to the first, <c>gpus: 0.75</c> to the second and
/// <c>gpus: 2</c> fits nowhere.
/// </example>
public static class GpuPlacement
{
    /// <summary>Slack for sums of shares such as 0.1 × 10, which are not exactly 1 in floating point.</summary>
    public const double Tolerance = 1e-9;

    /// <summary>The devices <paramref name="request"/> goes to, <see cref="DevicePlacement.Cpu"/> for a CPU trial, or null when it fits nowhere.</summary>
    public static DevicePlacement? FirstFit(ResourceRequest request, IReadOnlyList<GpuCapacity> devices)
    {
        if (request.Gpus <= 0) return DevicePlacement.Cpu;
        if (request.Gpus < 1)
        {
            foreach (var device in devices)
                if (device.Free + Tolerance >= request.Gpus && device.FreeMemoryBytes >= request.GpuMemoryBytes)
                    return new DevicePlacement([device.Index]);
            return null;
        }
        var wanted = (int)Math.Round(request.Gpus);
        var taken = new List<int>(wanted);
        foreach (var device in devices)
        {
            if (!device.IsIdle || device.FreeMemoryBytes < request.GpuMemoryBytes) continue;
            taken.Add(device.Index);
            if (taken.Count == wanted) return new DevicePlacement(taken);
        }
        return null;
    }

    /// <summary>
    /// What is free on <paramref name="devices"/> once <paramref name="request"/> runs at <paramref name="placement"/>:
    /// its share and memory are taken from each of its devices.
    /// </summary>
    public static GpuCapacity[] Take(IReadOnlyList<GpuCapacity> devices, ResourceRequest request, DevicePlacement placement)
    {
        var share = Math.Min(request.Gpus, 1.0);
        return [.. devices.Select(d => placement.Gpus.Contains(d.Index)
            ? d with { Free = Math.Max(0, d.Free - share), FreeMemoryBytes = Math.Max(0, d.FreeMemoryBytes - request.GpuMemoryBytes) }
            : d)];
    }
}
