namespace NinSearch.Store.ReadModel;

/// <summary>The columns a leaderboard sorts by.</summary>
public enum LeaderboardSort
{
    BestValidationAccuracy = 0,
    TestAccuracy = 1,
    Number = 2,
    ParameterCount = 3,
    Macs = 4,
    Epochs = 5,
    TrainSeconds = 6,
    LatencyMs = 7,
}
