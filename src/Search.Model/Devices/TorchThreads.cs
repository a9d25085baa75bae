using TorchSharp;

namespace NinSearch.Model.Devices;

/// <summary>libtorch's CPU thread pools, which are process-wide.</summary>
public static class TorchThreads
{
    private static readonly Lock Gate = new();
    private static bool _interopSet;

    /// <summary>
    /// Sets the intra-op thread count (0 or less keeps libtorch's default, one per core). The inter-op pool is set
    /// to one thread the first time: a NiN forward pass is a chain of ops, so the pool only adds wake-ups, and
    /// libtorch allows setting it only once per process.
    /// </summary>
    public static void Configure(int threads)
    {
        lock (Gate)
        {
            if (!_interopSet)
            {
                try { torch.set_num_interop_threads(1); }
                catch (Exception e) when (e is not OutOfMemoryException) { /* already started by other work: keep it */ }
                _interopSet = true;
            }
            if (threads > 0 && torch.get_num_threads() != threads) torch.set_num_threads(threads);
        }
    }
}
