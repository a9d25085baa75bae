namespace NinSearch.Store.ReadModel;

/// <summary>
/// One attempt of a trial (a lease that trained): the epochs it reported. A second attempt after a lost lease or a
/// release resumes from the checkpoint before <see cref="FirstEpoch"/>.
/// </summary>
public sealed record AttemptSummary(int Attempt, int FirstEpoch, int LastEpoch, DateTimeOffset StartedAt, DateTimeOffset EndedAt);
