using TorchSharp;
using static TorchSharp.torch;

namespace NinSearch.Model.Building;

/// <summary>
/// Inverted dropout whose masks come from a <see cref="Generator"/> owned by the trial (<see cref="UseGenerator"/>),
/// not from libtorch's process-wide one. <c>nn.Dropout</c> draws from the global generator, so trials packed into one
/// process (several sessions training at once) would take each other's random numbers and stop being repeatable.
/// Without a generator (a bare model, export checks) it draws from the global generator like <c>nn.Dropout</c>.
/// Holds no parameters or buffers: the state-dict layout is that of <c>nn.Dropout</c>.
/// </summary>
public sealed class SeededDropout : nn.Module<Tensor, Tensor>
{
    private readonly double _rate;
    private Generator? _generator;

    public SeededDropout(double rate) : base(nameof(SeededDropout))
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rate);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(rate, 1.0);
        _rate = rate;
    }

    /// <summary>The drop probability.</summary>
    public double Rate => _rate;

    /// <summary>Draws masks from <paramref name="generator"/> (on the model's device) from now on; the caller owns it.</summary>
    public void UseGenerator(Generator? generator) => _generator = generator;

    public override Tensor forward(Tensor input)
    {
        if (!training || _rate == 0) return input.alias();
        using var scope = NewDisposeScope();
        var keep = 1.0 - _rate;
        var mask = empty_like(input).bernoulli_(keep, _generator);
        return (input * mask).div_(keep).MoveToOuterDisposeScope();
    }
}
