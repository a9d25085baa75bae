using NinSearch.Abstractions;
using NinSearch.Spec;
using NinSearch.Worker.Packing;

namespace NinSearch.Silo.Tests.Packing;

public sealed class TrialPackerTests
{
    private const long GiB = 1L << 30;

    private static TrialPacker Packer(int gpus, long memory, int slots) =>
        new(new WorkerResources(DeviceKind.Cuda, gpus, memory, 64, slots)
        {
            GpuDevices = [.. Enumerable.Range(0, gpus).Select(i => GpuCapacity.Idle(i, memory))],
        });

    [Fact]
    public void Quarter_gpu_trials_fill_one_device_then_the_next_and_never_exceed_the_slots()
    {
        var packer = Packer(gpus: 2, memory: 80 * GiB, slots: 6);
        var quarter = new ResourceRequest(0.25, 10 * GiB, 1);

        var placements = Enumerable.Range(0, 7).Select(_ => packer.TryPlace(Guid.NewGuid(), quarter)?.PrimaryGpu).ToList();

        Assert.Equal([0, 0, 0, 0, 1, 1, null], placements);
        Assert.Equal(6, packer.Running);
        Assert.False(quarter.FitsIn(packer.Free()));
    }

    [Fact]
    public void The_silo_check_on_the_advertised_free_resources_agrees_with_every_placement()
    {
        // Random requests and departures: the silo's FitsIn on what the worker advertises must say yes exactly when the
        // packer then places the trial, and no device ever holds more than its share or memory.
        var random = new Random(7);
        var packer = Packer(gpus: 3, memory: 40 * GiB, slots: 9);
        var shares = new[] { 0.1, 0.25, 0.3, 0.5, 1, 2 };
        var placed = new Dictionary<Guid, (ResourceRequest Request, DevicePlacement Placement)>();
        for (var step = 0; step < 2000; step++)
        {
            if (placed.Count > 0 && random.NextDouble() < 0.4)
            {
                var leaving = placed.Keys.ElementAt(random.Next(placed.Count));
                packer.Remove(leaving);
                placed.Remove(leaving);
                continue;
            }
            var request = new ResourceRequest(shares[random.Next(shares.Length)], random.Next(0, 5) * 5 * GiB, 1);
            var fits = request.FitsIn(packer.Free());
            var id = Guid.NewGuid();
            var placement = packer.TryPlace(id, request);
            Assert.Equal(fits, placement is not null);
            if (placement is not null) placed[id] = (request, placement);

            Assert.True(placed.Count <= 9);
            for (var device = 0; device < 3; device++)
            {
                var on = placed.Values.Where(p => p.Placement.Gpus.Contains(device)).ToList();
                Assert.True(on.Sum(p => Math.Min(1, p.Request.Gpus)) <= 1 + GpuPlacement.Tolerance, $"device {device} over its share at step {step}");
                Assert.True(on.Sum(p => p.Request.GpuMemoryBytes) <= 40 * GiB, $"device {device} over its memory at step {step}");
            }
        }
    }

    [Fact]
    public async Task A_trial_claiming_a_device_alone_moves_to_an_idle_one()
    {
        var packer = Packer(gpus: 2, memory: 0, slots: 4);
        var half = new ResourceRequest(0.5, 0, 1);
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());
        packer.TryPlace(a, half);
        packer.TryPlace(b, half);
        Assert.True(packer.WasShared(a));

        var alone = packer.ClaimAloneAsync(a, CancellationToken.None);

        Assert.True(alone.IsCompletedSuccessfully);
        Assert.Equal([1], (await alone).Gpus);
        Assert.Equal(0, packer.Free().Gpus);
        Assert.True(half.FitsIn(packer.Free()), "device 0 still has b's other half free");
    }

    [Fact]
    public async Task A_trial_claiming_a_device_alone_waits_for_its_neighbours_and_nothing_new_lands_there_meanwhile()
    {
        var packer = Packer(gpus: 1, memory: 0, slots: 4);
        var quarter = new ResourceRequest(0.25, 0, 1);
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());
        packer.TryPlace(a, quarter);
        packer.TryPlace(b, quarter);

        var alone = packer.ClaimAloneAsync(a, CancellationToken.None);

        Assert.False(alone.IsCompleted);
        Assert.False(quarter.FitsIn(packer.Free()));
        Assert.Null(packer.TryPlace(Guid.NewGuid(), quarter));
        packer.Remove(b);
        Assert.True(alone.IsCompletedSuccessfully);
        Assert.Equal([0], (await alone).Gpus);
        Assert.False(quarter.FitsIn(packer.Free()));
        packer.Remove(a);
        Assert.True(quarter.FitsIn(packer.Free()));
    }
}
