using NinSearch.Spec;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NinSearch.Model.Building;

/// <summary>Weight initialization of a built network.</summary>
internal static class WeightInit
{
    /// <summary>Re-initializes every convolution (biases to zero) and batch norm (scale 1, shift 0) of <paramref name="model"/>.</summary>
    public static void Apply(nn.Module model, InitKind init)
    {
        if (init == InitKind.Default) return;
        using var noGrad = no_grad();
        foreach (var (_, module) in model.named_modules())
        {
            switch (module)
            {
                case Conv2d conv:
                    if (init == InitKind.Xavier) nn.init.xavier_uniform_(conv.weight!);
                    else nn.init.kaiming_normal_(conv.weight!, mode: nn.init.FanInOut.FanOut, nonlinearity: nn.init.NonlinearityType.ReLU);
                    if (conv.bias is { } bias) nn.init.zeros_(bias);
                    break;
                case BatchNorm2d norm:
                    nn.init.ones_(norm.weight!);
                    nn.init.zeros_(norm.bias!);
                    break;
            }
        }
    }
}
