using System.Reflection;
using NinSearch.Model.Building;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NinSearch.Model.Training;

/// <summary>
/// TorchSharp's save and load read and write raw bytes and refuse non-contiguous tensors, so channels-last weights
/// and optimizer buffers are switched to the default layout, in place, for the duration of a save or load, and
/// back afterwards.
/// </summary>
internal sealed class ContiguousState : IDisposable
{
    private readonly List<Tensor> converted = [];

    private ContiguousState(IEnumerable<Tensor> tensors)
    {
        using var noGrad = no_grad();
        foreach (var tensor in tensors)
        {
            if (!ChannelsLast.Is(tensor) || tensor.is_contiguous()) continue;
            using var plain = tensor.contiguous();
            tensor.set_(plain);
            converted.Add(tensor);
        }
    }

    /// <summary>Switches the model's parameters and buffers, and the optimizer's state, if given.</summary>
    public static ContiguousState For(nn.Module model, optim.Optimizer? optimizer = null)
    {
        var tensors = model.parameters().Cast<Tensor>().Concat(model.buffers());
        if (optimizer is OptimizerHelper helper)
            tensors = tensors.Concat(helper.state_dict().State.SelectMany(StateTensors));
        return new ContiguousState(tensors.ToList());
    }

    // SGD, Adam and AdamW keep their per-parameter buffers in public tensor fields of their State classes.
    private static IEnumerable<Tensor> StateTensors(object state) =>
        state.GetType().GetFields(BindingFlags.Public | BindingFlags.Instance)
            .Where(f => f.FieldType == typeof(Tensor))
            .Select(f => f.GetValue(state) as Tensor)
            .OfType<Tensor>()
            .Where(t => !t.IsInvalid);

    public void Dispose()
    {
        using var noGrad = no_grad();
        foreach (var tensor in converted)
        {
            using var channelsLast = ChannelsLast.Convert(tensor);
            tensor.set_(channelsLast);
        }
    }
}
