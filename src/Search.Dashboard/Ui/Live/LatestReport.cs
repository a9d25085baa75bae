using NinSearch.Dashboard.Ui;

namespace NinSearch.Dashboard.Ui.Live;

/// <summary>The last epoch any trial of the campaign reported.</summary>
public sealed record LatestReport(int Trial, int Epoch, double ValidationAccuracy, DateTimeOffset At)
{
    /// <summary>"trial 12 · epoch 3 · 87.10% validation".</summary>
    public string Text => $"trial {Trial} · epoch {Epoch} · {Format.Accuracy(ValidationAccuracy)} validation";
}
