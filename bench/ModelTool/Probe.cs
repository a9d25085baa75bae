using System.Diagnostics;
using NinSearch.Model.Building;
using NinSearch.Model.Devices;
using NinSearch.Spec;
using TorchSharp;
using static TorchSharp.torch;

namespace NinSearch.Bench;

/// <summary>Where a training step's time goes: forward, backward and update timed separately.</summary>
internal static class Probe
{
    public static void Run(NinSpec spec, int batch, int steps, int threads, bool channelsLast)
    {
        TorchThreads.Configure(threads);
        using var model = NinModelBuilder.Build(spec, InitKind.Xavier, 0);
        model.train();
        var opt = optim.SGD(model.parameters(), 0.01, momentum: 0.9, weight_decay: 5e-4, nesterov: true);
        using var x0 = randn(batch, spec.Input.Channels, spec.Input.Height, spec.Input.Width);
        using var x = channelsLast ? x0.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2) : x0.alias();
        if (channelsLast)
        {
            using var ng = no_grad();
            foreach (var p in model.parameters())
                if (p.dim() == 4) { using var cl = p.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2); p.set_(cl); }
        }
        using var y = randint(spec.Classes, [batch], dtype: ScalarType.Int64);
        double fwd = 0, bwd = 0, upd = 0, zero = 0;
        for (var i = 0; i < steps + 3; i++)
        {
            using var scope = NewDisposeScope();
            var t0 = Stopwatch.GetTimestamp();
            model.zero_grad();
            var t1 = Stopwatch.GetTimestamp();
            var logits = model.forward(x);
            var loss = nn.functional.cross_entropy(logits, y, label_smoothing: 0.1);
            var t2 = Stopwatch.GetTimestamp();
            loss.backward();
            var t3 = Stopwatch.GetTimestamp();
            opt.step();
            var t4 = Stopwatch.GetTimestamp();
            if (i < 3) continue;
            zero += Stopwatch.GetElapsedTime(t0, t1).TotalMilliseconds;
            fwd += Stopwatch.GetElapsedTime(t1, t2).TotalMilliseconds;
            bwd += Stopwatch.GetElapsedTime(t2, t3).TotalMilliseconds;
            upd += Stopwatch.GetElapsedTime(t3, t4).TotalMilliseconds;
        }
        var total = zero + fwd + bwd + upd;
        Console.WriteLine($"cl={channelsLast} per step ms: zero {zero / steps:F2} fwd {fwd / steps:F2} bwd {bwd / steps:F2} upd {upd / steps:F2} total {total / steps:F2} -> {batch * steps / (total / 1000):F0} img/s");
    }
}
