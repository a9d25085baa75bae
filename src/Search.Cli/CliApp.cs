using System.CommandLine;
using NinSearch.Cli.Commands;
using NinSearch.Cli.Commands.Client;

namespace NinSearch.Cli;

/// <summary>The nin-search command tree; Program runs it, tests invoke it in-process.</summary>
public static class CliApp
{
    public static RootCommand Create() => new("NinSearch: distributed hyperparameter and architecture search over Network-in-Network classifiers.")
    {
        InspectCommand.Create(),
        TrainCommand.Create(),
        EvaluateCommand.Create(),
        BenchCommand.Create(),
        CampaignCommand.Create(),
        CampaignCommand.Demo(),
        UpCommand.Create(),
        SiloCommand.Create(),
        WorkerCommand.Create(),
        WorkersCommand.Create(),
        DashboardCommand.Create(),
    };
}
