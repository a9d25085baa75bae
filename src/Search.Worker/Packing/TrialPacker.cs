using NinSearch.Abstractions;

namespace NinSearch.Worker.Packing;

/// <summary>
/// Which of this worker's trials runs on which GPU. Places each lease by <see cref="GpuPlacement.FirstFit"/>, the
/// rule the silo leased it by, on what its running trials leave free, and never more trials than the worker's slots:
/// the free resources it reports (<see cref="Free"/>) are exactly what the silo's <c>FitsIn</c> checks, so a lease
/// the silo grants always has a place here (trials only ever leave between the two, freeing more).
/// Thread-safe: trials start on the worker loop and end on their own tasks.
/// </summary>
/// <remarks>
/// Packed trials each train on their own thread; TorchSharp 0.107 has no CUDA stream API (no <c>torch.cuda.Stream</c>,
/// its native layer exports only device count, availability and synchronize), so on one device they share libtorch's
/// default stream. What packing gains for small networks is the host side: while one trial's thread prepares a batch,
/// launches kernels or waits on a loss read-back, another's kernels keep the device busy.
/// </remarks>
public sealed class TrialPacker
{
    private readonly Lock _gate = new();
    private readonly WorkerResources _capabilities;
    private readonly Dictionary<Guid, Packed> _trials = [];
    // Devices emptying for a trial that must run alone there: nothing new lands on them meanwhile.
    private readonly Dictionary<int, (Guid Trial, TaskCompletionSource<DevicePlacement> Ready)> _draining = [];

    /// <param name="capabilities">The worker's total resources; its <see cref="WorkerResources.GpuDevices"/> (or its whole-GPU counts) are the devices.</param>
    public TrialPacker(WorkerResources capabilities)
    {
        _capabilities = capabilities with { GpuDevices = [.. capabilities.FreeGpus()] };
    }

    /// <summary>Trials placed now.</summary>
    public int Running
    {
        get { lock (_gate) return _trials.Count; }
    }

    /// <summary>What is free now: the worker's resources less every placed trial, with draining devices shown full.</summary>
    public WorkerResources Free()
    {
        lock (_gate) return FreeLocked();
    }

    /// <summary>
    /// Places trial <paramref name="id"/> and holds its resources until <see cref="Remove"/>; null when no slot is
    /// free or no device has room (or the id is placed already).
    /// </summary>
    public DevicePlacement? TryPlace(Guid id, ResourceRequest request)
    {
        lock (_gate)
        {
            if (_trials.ContainsKey(id)) return null;
            var free = FreeLocked();
            if (!request.FitsIn(free)) return null;
            var placement = GpuPlacement.FirstFit(request, free.FreeGpus())!;
            var shared = false;
            foreach (var (other, packed) in _trials)
            {
                if (!packed.Placement.Gpus.Intersect(placement.Gpus).Any()) continue;
                _trials[other] = packed with { Shared = true };
                shared = true;
            }
            _trials[id] = new Packed(request, placement, shared);
            return placement;
        }
    }

    /// <summary>Where trial <paramref name="id"/> runs, or null when it is not placed.</summary>
    public DevicePlacement? PlacementOf(Guid id)
    {
        lock (_gate) return _trials.TryGetValue(id, out var packed) ? packed.Placement : null;
    }

    /// <summary>Whether trial <paramref name="id"/> has shared a GPU with another trial since it was placed.</summary>
    public bool WasShared(Guid id)
    {
        lock (_gate) return _trials.TryGetValue(id, out var packed) && packed.Shared;
    }

    /// <summary>
    /// Gives trial <paramref name="id"/> a GPU of its own, keeping its slot: at once when it is alone on its device or
    /// another device is idle (it moves there); else its device takes no new trials and the task completes when the
    /// trials on it have ended. From then on the trial holds the whole device. Only for a trial placed on a GPU.
    /// </summary>
    public Task<DevicePlacement> ClaimAloneAsync(Guid id, CancellationToken cancellationToken)
    {
        Task<DevicePlacement> ready;
        lock (_gate)
        {
            if (!_trials.TryGetValue(id, out var packed) || packed.Placement.PrimaryGpu is not { } device)
                throw new InvalidOperationException($"trial {id} holds no GPU on this worker");
            var whole = packed.Request with { Gpus = Math.Max(1, packed.Request.Gpus) };
            if (!OthersOn(id, device))
            {
                _trials[id] = packed with { Request = whole };
                return Task.FromResult(packed.Placement);
            }
            _trials.Remove(id);
            var idle = FreeLocked().FreeGpus().FirstOrDefault(d => d.IsIdle && !_draining.ContainsKey(d.Index)
                && d.FreeMemoryBytes >= packed.Request.GpuMemoryBytes);
            if (idle is not null)
            {
                var moved = new DevicePlacement([idle.Index]);
                _trials[id] = new Packed(whole, moved, Shared: false);
                return Task.FromResult(moved);
            }
            _trials[id] = packed with { Request = whole };
            var source = new TaskCompletionSource<DevicePlacement>(TaskCreationOptions.RunContinuationsAsynchronously);
            _draining[device] = (id, source);
            ready = source.Task;
        }
        return ready.WaitAsync(cancellationToken);
    }

    /// <summary>Frees what trial <paramref name="id"/> held (no effect when it is not placed).</summary>
    public void Remove(Guid id)
    {
        List<(TaskCompletionSource<DevicePlacement>, DevicePlacement)> done = [];
        lock (_gate)
        {
            if (!_trials.Remove(id)) return;
            foreach (var (device, (trial, ready)) in _draining.ToList())
            {
                if (trial == id)
                {
                    _draining.Remove(device);
                    ready.TrySetCanceled();
                }
                else if (!OthersOn(trial, device))
                {
                    _draining.Remove(device);
                    done.Add((ready, new DevicePlacement([device])));
                }
            }
        }
        foreach (var (ready, placement) in done) ready.TrySetResult(placement);
    }

    private bool OthersOn(Guid id, int device) => _trials.Any(t => t.Key != id && t.Value.Placement.Gpus.Contains(device));

    private WorkerResources FreeLocked()
    {
        var free = _trials.Values.Aggregate(_capabilities, (left, t) => left.Minus(t.Request, t.Placement));
        if (_draining.Count == 0) return free;
        var devices = free.GpuDevices.Select(d => _draining.ContainsKey(d.Index) ? d with { Free = 0, FreeMemoryBytes = 0 } : d).ToArray();
        return free with { GpuDevices = devices, Gpus = devices.Count(d => d.IsIdle) };
    }

    private sealed record Packed(ResourceRequest Request, DevicePlacement Placement, bool Shared);
}
