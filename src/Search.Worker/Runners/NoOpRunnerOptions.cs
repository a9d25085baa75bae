namespace NinSearch.Worker.Runners;

/// <summary>Settings of <see cref="NoOpTrialRunner"/>.</summary>
public sealed class NoOpRunnerOptions
{
    /// <summary>Epochs per trial (capped by the trial's recipe). Default 3, the benchmark's lifecycle.</summary>
    public int Epochs { get; set; } = 3;

    /// <summary>Pretend training time per epoch. Default zero.</summary>
    public TimeSpan EpochDelay { get; set; } = TimeSpan.Zero;

    /// <summary>Whether completed trials report a (made-up) test accuracy. Default true.</summary>
    public bool ReportTestAccuracy { get; set; } = true;
}
