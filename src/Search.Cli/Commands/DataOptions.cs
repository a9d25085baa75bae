using System.CommandLine;
using NinSearch.Model.Data;

namespace NinSearch.Cli.Commands;

/// <summary>The shared dataset options: <c>--data PATH [--dataset KIND] [--train-subset N]</c>.</summary>
internal sealed class DataOptions
{
    public Option<string?> Path { get; } = new("--data") { Description = $"dataset folder (default for Fashion-MNIST: {DatasetOptions.DefaultFashionMnistPath})" };

    public Option<DatasetKind> Kind { get; } = new("--dataset") { Description = "dataset format", DefaultValueFactory = _ => DatasetKind.FashionMnist };

    public Option<int?> TrainSubset { get; } = new("--train-subset") { Description = "train on only this many images" };

    public void AddTo(Command command)
    {
        command.Add(Path);
        command.Add(Kind);
        command.Add(TrainSubset);
    }

    public DatasetOptions Resolve(ParseResult result) => new()
    {
        Kind = result.GetValue(Kind),
        Path = result.GetValue(Path),
        TrainSubset = result.GetValue(TrainSubset),
    };
}
