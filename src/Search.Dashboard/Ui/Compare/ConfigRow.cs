namespace NinSearch.Dashboard.Ui.Compare;

/// <summary>One leaf of the compared configurations: its path, its value in each (null where absent), and whether they differ.</summary>
/// <param name="Path">The leaf's path, as <c>TrialComparison.Differences</c> names it (<c>architecture.blocks[1].width</c>).</param>
/// <param name="Values">Its value as text in each configuration, in their order; null where a configuration lacks it.</param>
/// <param name="Differs">True when the values are not all the same (numbers compare by value), or some configuration lacks it.</param>
public sealed record ConfigRow(string Path, IReadOnlyList<string?> Values, bool Differs);
