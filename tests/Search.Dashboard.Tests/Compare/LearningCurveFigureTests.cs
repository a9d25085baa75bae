using NinSearch.Dashboard.Tests.Infrastructure;
using NinSearch.Dashboard.Ui.Curves;
using NinSearch.Spec;
using NinSearch.Store.ReadModel;
using Plotly.Blazor.Traces;

namespace NinSearch.Dashboard.Tests.Compare;

public sealed class LearningCurveFigureTests
{
    private static readonly DateTimeOffset At = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Each_later_attempt_is_marked_where_it_resumed()
    {
        var trial = TrialDetails.Complete(4, TrialDetails.Config(Presets.Small),
            new AttemptSummary(1, 1, 3, At, At), new AttemptSummary(2, 4, 6, At, At), new AttemptSummary(3, 7, 9, At, At)) with
        {
            Curve = [.. Enumerable.Range(1, 9).Select(e => new EpochPoint(e, (e + 2) / 3, 1, 0.1 * e, 1, 0.09 * e, 0.1, 1, 100, At))],
        };

        var (data, layout) = LearningCurveFigure.ForTrial(trial);

        Assert.Equal([(2, 4), (3, 7)], LearningCurveFigure.ResumesOf(trial).Select(r => (r.Attempt, r.FirstEpoch)));
        Assert.Equal([3.5, 6.5], layout.Shapes.Select(s => Convert.ToDouble(s.X0, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(["attempt 2 resumed", "attempt 3 resumed"], layout.Annotations.Select(a => a.Text));
        Assert.Equal(["validation accuracy", "train accuracy"], data.Cast<Scatter>().Select(s => s.Name));
        Assert.Equal(9, data.Cast<Scatter>().First().X.Count);
    }

    [Fact]
    public void A_trial_of_one_attempt_has_no_marker_and_an_overlay_has_two_lines_per_trial()
    {
        var one = TrialDetails.Complete(1, TrialDetails.Config(Presets.Small), new AttemptSummary(1, 1, 2, At, At));
        var two = TrialDetails.Complete(2, TrialDetails.Config(Presets.Small), new AttemptSummary(1, 1, 2, At, At));

        Assert.Empty(LearningCurveFigure.ForTrial(one).Layout.Shapes);
        Assert.Equal(["#1 validation", "#1 train", "#2 validation", "#2 train"],
            LearningCurveFigure.Overlay([one, two]).Data.Cast<Scatter>().Select(s => s.Name));
    }
}
