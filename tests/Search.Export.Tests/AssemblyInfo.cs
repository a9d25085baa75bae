// libtorch's global generator and thread pools are process-wide: tests that build or train models must not interleave.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
