using System.CommandLine;
using NinSearch.Cli.Commands;

var root = new RootCommand("NinSearch: distributed hyperparameter and architecture search over Network-in-Network classifiers.")
{
    InspectCommand.Create(),
    TrainCommand.Create(),
    BenchCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
