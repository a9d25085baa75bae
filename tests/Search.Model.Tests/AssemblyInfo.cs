// libtorch's thread pools, global generator and live-tensor counters are process-wide: tests that train or count
// tensors must not interleave with others.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
