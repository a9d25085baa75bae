using System.Text.Json;
using NinSearch.Model.Benchmarks;
using NinSearch.Spec;

// Usage:
//   ModelTool spec PRESET                                   print the preset's spec JSON
//   ModelTool bench PRESET|FILE BATCH STEPS THREADS DEVICE [nchw|nhwc]  training throughput (one JSON line)
//   ModelTool train PRESET|FILE EPOCHS THREADS [DEVICE] [RECIPE.json]  full Fashion-MNIST run, JSON lines
var verb = args.ElementAtOrDefault(0);
switch (verb)
{
    case "spec":
        Console.WriteLine(SpecJson.Serialize(Presets.Get(args[1])));
        return 0;
    case "bench":
    {
        var spec = File.Exists(args[1]) ? SpecJson.ReadSpecFile(args[1]) : Presets.Get(args[1]);
        var result = TrainBenchmark.Run(spec, int.Parse(args[2]), int.Parse(args[3]), int.Parse(args[4]), args.ElementAtOrDefault(5) ?? "cpu",
            channelsLast: args.ElementAtOrDefault(6) switch { "nchw" => false, "nhwc" => true, _ => null });
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            framework = "torchsharp", layout = args.ElementAtOrDefault(6) ?? "default", arch = result.Architecture, @params = result.Parameters, batch = result.Batch, steps = result.Steps,
            threads = result.Threads, device = result.Device, seconds = Math.Round(result.Seconds, 3),
            images_per_s = Math.Round(result.ImagesPerSecond, 1),
        }));
        return 0;
    }
    case "probe":
    {
        var spec = File.Exists(args[1]) ? SpecJson.ReadSpecFile(args[1]) : Presets.Get(args[1]);
        NinSearch.Bench.Probe.Run(spec, int.Parse(args[2]), int.Parse(args[3]), int.Parse(args[4]), args.ElementAtOrDefault(5) == "cl");
        return 0;
    }
    case "train":
    {
        // train PRESET|FILE EPOCHS THREADS [DEVICE] [RECIPE.json]
        var spec = File.Exists(args[1]) ? SpecJson.ReadSpecFile(args[1]) : Presets.Get(args[1]);
        return await NinSearch.Bench.TrainRun.Run(spec, int.Parse(args[2]), int.Parse(args[3]), args.ElementAtOrDefault(4) ?? "cpu", args.ElementAtOrDefault(5));
    }
    default:
        Console.Error.WriteLine("usage: ModelTool spec PRESET | bench PRESET|FILE BATCH STEPS THREADS [DEVICE] [nchw|nhwc]");
        return 2;
}
