using System.CommandLine;

namespace NinSearch.Cli.Commands;

internal static class TrainCommand
{
    public static Command Create() => new("train", "train one architecture on a dataset");
}
