using NinSearch.Abstractions;
using NinSearch.Export;
using NinSearch.Spec;
using NinSearch.Worker.Runners;

namespace NinSearch.Dashboard.Tests.Infrastructure;

/// <summary>
/// The no-op runner, plus final weights for each completed trial: zeros in TorchSharp's format for exactly the
/// trial's network (Search.Export's <see cref="StateDictLayout"/> and <see cref="TorchSharpWeights"/>, no libtorch),
/// with the preprocessing a worker records beside them. Enough for the export endpoint to build a real bundle.
/// </summary>
public sealed class WeightsRunner : ITrialRunner
{
    private readonly NoOpTrialRunner inner = new(new NoOpRunnerOptions { EpochDelay = TimeSpan.FromMilliseconds(10) });

    public async Task<TrialResult> RunAsync(TrialRun run, IEpochSink sink, CancellationToken cancellationToken)
    {
        var result = await inner.RunAsync(run, sink, cancellationToken);
        if (result.End != TrialStatus.Complete) return result;
        var spec = run.Config.Architecture;
        var tensors = StateDictLayout.For(spec).Select(entry =>
        {
            var dtype = entry.Name.EndsWith("num_batches_tracked", StringComparison.Ordinal) ? TensorDType.Int64 : TensorDType.Float32;
            var count = entry.Shape.Aggregate(1L, (n, d) => n * d);
            return new NamedTensor(entry.Name, dtype, entry.Shape, new byte[count * dtype.Size()]);
        });
        using var weights = new MemoryStream();
        TorchSharpWeights.Write(weights, tensors);
        var preprocessing = new Preprocessing
        {
            Dataset = run.Lease.Dataset,
            Input = spec.Input,
            Mean = [.. Enumerable.Repeat(0.286, spec.Input.Channels)],
            Std = [.. Enumerable.Repeat(0.353, spec.Input.Channels)],
        };
        return result with { Weights = weights.ToArray(), PreprocessingJson = preprocessing.ToJson(), WeightsEpoch = result.EpochsRun };
    }
}
