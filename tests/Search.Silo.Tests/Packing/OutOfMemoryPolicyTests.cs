using NinSearch.Abstractions;
using NinSearch.Spec;
using NinSearch.Worker.Packing;

namespace NinSearch.Silo.Tests.Packing;

public sealed class OutOfMemoryPolicyTests
{
    private static readonly TrialResult CudaOom = new(TrialStatus.Failed, 1, null,
        "Failed: ExternalException: CUDA out of memory. Tried to allocate 2.00 GiB");

    [Theory]
    [InlineData(true, false, true, OutOfMemoryDecision.RetryAlone)]
    [InlineData(false, false, true, OutOfMemoryDecision.Fail)]
    [InlineData(true, true, true, OutOfMemoryDecision.Fail)]
    [InlineData(true, false, false, OutOfMemoryDecision.Fail)]
    public void Out_of_memory_while_sharing_is_retried_alone_once(bool shared, bool retriedAlone, bool retryAlone, OutOfMemoryDecision expected) =>
        Assert.Equal(expected, OutOfMemoryPolicy.Decide(CudaOom, shared, retriedAlone, retryAlone));

    [Fact]
    public void Other_ends_stand()
    {
        Assert.Equal(OutOfMemoryDecision.NotOutOfMemory,
            OutOfMemoryPolicy.Decide(new TrialResult(TrialStatus.Failed, 2, null, "Diverged: loss became NaN"), true, false, true));
        Assert.Equal(OutOfMemoryDecision.NotOutOfMemory,
            OutOfMemoryPolicy.Decide(new TrialResult(TrialStatus.Complete, 3, 0.9, null), true, false, true));
        Assert.True(OutOfMemoryPolicy.IsOutOfMemory(new TrialResult(TrialStatus.Failed, 0, null, "DefaultCPUAllocator: not enough memory")));
    }
}
