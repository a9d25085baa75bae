namespace NinSearch.Bench;

/// <summary>Settings of <see cref="LeaderboardBench"/>.</summary>
/// <param name="Trials">Trials of the measured campaign.</param>
/// <param name="OtherCampaigns">Further campaigns of Trials / 5 trials each, so the table holds more than one campaign.</param>
/// <param name="Calls">Timed calls per query.</param>
/// <param name="Warmup">Untimed calls per query first.</param>
/// <param name="Keep">Keep the database afterwards (its name is printed).</param>
/// <param name="ShowSql">Print the SQL of each query once (stderr) before timing.</param>
internal sealed record LeaderboardBenchOptions(int Trials, int OtherCampaigns, int Calls, int Warmup, bool Keep, bool ShowSql);
