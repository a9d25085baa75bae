using NinSearch.Spec;
using NinSearch.Store;
using Spectre.Console;

namespace NinSearch.Cli.Campaigns;

/// <summary>Renders a leaderboard for people: one row per trial, best validation accuracy first.</summary>
internal static class LeaderboardTable
{
    public static Table Render(string title, IReadOnlyList<LeaderboardRow> rows)
    {
        var table = new Table { Title = new TableTitle(title) };
        table.AddColumn("#").AddColumn("status").AddColumn(new TableColumn("val acc").RightAligned()).AddColumn(new TableColumn("test acc").RightAligned())
            .AddColumn(new TableColumn("epochs").RightAligned()).AddColumn(new TableColumn("params").RightAligned()).AddColumn(new TableColumn("MACs").RightAligned())
            .AddColumn(new TableColumn("seconds").RightAligned()).AddColumn("architecture");
        foreach (var r in rows)
            table.AddRow(r.Number.ToString(), r.Status.ToString(), r.BestValAccuracy.ToString("P2"), r.TestAccuracy?.ToString("P2") ?? "",
                r.Epochs.ToString(), r.Params.ToString("N0"), r.Macs.ToString("N0"), r.TrainSeconds?.ToString("F0") ?? "", Markup.Escape(Describe(r.ConfigJson)));
        return table;
    }

    /// <summary>A one-line architecture summary, e.g. "3 blocks 64-96-10 k5/3/3 bn, sgd lr 0.1 bs 128".</summary>
    public static string Describe(string configJson)
    {
        try
        {
            var config = SpecJson.Deserialize<TrialConfig>(configJson);
            var spec = config.Architecture;
            var widths = string.Join("-", spec.Blocks.Select((b, i) => b.Pointwise.Count == 0 ? SpecValidator.ConvWidth(spec, i) : SpecValidator.PointwiseWidth(spec, i, b.Pointwise.Count - 1)));
            var kernels = string.Join("/", spec.Blocks.Select(b => b.Kernel));
            var mlp = string.Join("/", spec.Blocks.Select(b => b.Pointwise.Count));
            var bn = spec.Blocks.Any(b => b.BatchNorm) ? " bn" : "";
            var t = config.Training;
            return $"{spec.Blocks.Count} blocks {widths} k{kernels} 1x1:{mlp}{bn}, {t.Optimizer.ToString().ToLowerInvariant()} lr {t.LearningRate:G3} bs {t.BatchSize} {t.Epochs} ep";
        }
        catch (SpecException)
        {
            return "?";
        }
    }
}
