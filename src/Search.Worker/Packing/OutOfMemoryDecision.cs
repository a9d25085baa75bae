namespace NinSearch.Worker.Packing;

/// <summary>What the worker does with a trial that ended; see <see cref="OutOfMemoryPolicy"/>.</summary>
public enum OutOfMemoryDecision
{
    /// <summary>The trial did not run out of memory: its result stands.</summary>
    NotOutOfMemory,

    /// <summary>It ran out of memory and fails with that reason; its neighbours and the worker go on.</summary>
    Fail,

    /// <summary>It ran out of memory while sharing a GPU: run it again, alone on a device, from its last checkpoint.</summary>
    RetryAlone,
}
