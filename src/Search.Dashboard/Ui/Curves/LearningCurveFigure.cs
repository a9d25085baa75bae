using NinSearch.Store.ReadModel;
using Plotly.Blazor;
using Plotly.Blazor.LayoutLib;
using Plotly.Blazor.Traces;
using Plotly.Blazor.Traces.ScatterLib;

namespace NinSearch.Dashboard.Ui.Curves;

/// <summary>
/// Plotly figures of learning curves: one trial's train and validation accuracy per epoch with each resume marked
/// (a dotted vertical line where attempt 2, 3, … took over), or several trials overlaid (one colour per trial,
/// validation solid, train dotted).
/// </summary>
public static class LearningCurveFigure
{
    /// <summary>Plotly's default colours, so that a trial keeps its colour across traces.</summary>
    public static readonly IReadOnlyList<string> Colors = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728"];

    /// <summary>Where a later attempt resumed: just before its first epoch.</summary>
    public sealed record Resume(int Attempt, int FirstEpoch)
    {
        /// <summary>The x position of the marker, between the last epoch before it and its first.</summary>
        public double X => FirstEpoch - 0.5;

        public string Label => $"attempt {Attempt} resumed";
    }

    /// <summary>The resumes of a trial: every attempt after the first, in order.</summary>
    public static IReadOnlyList<Resume> ResumesOf(TrialDetail trial) =>
        [.. trial.Attempts.Where(a => a.Attempt >= 2).OrderBy(a => a.Attempt).Select(a => new Resume(a.Attempt, a.FirstEpoch))];

    /// <summary>One trial's curves, with its resumes marked.</summary>
    public static (IList<ITrace> Data, Layout Layout) ForTrial(TrialDetail trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        var curve = LatestByEpoch(trial.Curve);
        IList<ITrace> data =
        [
            Line("validation accuracy", curve, p => p.ValidationAccuracy, Colors[0], dotted: false),
            Line("train accuracy", curve, p => p.TrainAccuracy, Colors[1], dotted: true),
        ];
        var layout = BaseLayout();
        var resumes = ResumesOf(trial);
        layout.Shapes = [.. resumes.Select(r => new Shape
        {
            Type = Plotly.Blazor.LayoutLib.ShapeLib.TypeEnum.Line,
            X0 = r.X, X1 = r.X, Y0 = 0, Y1 = 1,
            XRef = "x", YRef = "paper",
            Line = new Plotly.Blazor.LayoutLib.ShapeLib.Line { Color = "#6d6d6d", Dash = "dot", Width = 1.5m },
        })];
        layout.Annotations = [.. resumes.Select(r => new Annotation
        {
            X = r.X, Y = 1, XRef = "x", YRef = "paper",
            Text = r.Label, ShowArrow = false,
            XAnchor = Plotly.Blazor.LayoutLib.AnnotationLib.XAnchorEnum.Left,
            YAnchor = Plotly.Blazor.LayoutLib.AnnotationLib.YAnchorEnum.Bottom,
        })];
        return (data, layout);
    }

    /// <summary>Several trials overlaid, each in its own colour, labelled "#3".</summary>
    public static (IList<ITrace> Data, Layout Layout) Overlay(IReadOnlyList<TrialDetail> trials)
    {
        ArgumentNullException.ThrowIfNull(trials);
        var data = new List<ITrace>();
        for (var i = 0; i < trials.Count; i++)
        {
            var curve = LatestByEpoch(trials[i].Curve);
            var color = Colors[i % Colors.Count];
            var name = $"#{trials[i].Trial.Number}";
            data.Add(Line($"{name} validation", curve, p => p.ValidationAccuracy, color, dotted: false, group: name));
            data.Add(Line($"{name} train", curve, p => p.TrainAccuracy, color, dotted: true, group: name));
        }
        return (data, BaseLayout());
    }

    /// <summary>Plotly's options for every curve: responsive, no logo.</summary>
    public static Config Config() => new() { Responsive = true, DisplayLogo = false };

    // A resumed attempt may report an epoch again; the curve shows the latest report of each epoch.
    private static List<EpochPoint> LatestByEpoch(IEnumerable<EpochPoint> points) =>
        [.. points.GroupBy(p => p.Epoch).Select(g => g.MaxBy(p => (p.Attempt, p.ReportedAt))!).OrderBy(p => p.Epoch)];

    private static Scatter Line(string name, IReadOnlyList<EpochPoint> curve, Func<EpochPoint, double> value, string color, bool dotted, string? group = null) => new()
    {
        Name = name,
        LegendGroup = group,
        Mode = ModeFlag.Lines | ModeFlag.Markers,
        X = [.. curve.Select(p => (object)p.Epoch)],
        Y = [.. curve.Select(p => (object)value(p))],
        Line = new Line { Color = color, Dash = dotted ? "dot" : "solid" },
    };

    private static Layout BaseLayout() => new()
    {
        Height = 340,
        Margin = new Margin { L = 56, R = 16, T = 24, B = 48 },
        XAxis = [new XAxis { Title = new Plotly.Blazor.LayoutLib.XAxisLib.Title { Text = "epoch" }, DTick = 1 }],
        YAxis = [new YAxis { Title = new Plotly.Blazor.LayoutLib.YAxisLib.Title { Text = "accuracy" }, TickFormat = ".0%" }],
        Legend = [new Legend { Orientation = Plotly.Blazor.LayoutLib.LegendLib.OrientationEnum.H }],
    };
}
