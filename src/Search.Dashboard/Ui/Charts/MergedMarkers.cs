using System.Globalization;

namespace NinSearch.Dashboard.Ui.Charts;

/// <summary>
/// Chart markers with those that would fall on one pixel merged into one, whose hover label names every trial in it.
/// A 2,000-trial campaign has about 1,300 stop markers and 2,000 Pareto markers, and the browser styles each marker as
/// an SVG element of its own; most of them overlap at any size the chart is drawn, so merging them cuts the page's
/// drawing time without hiding a trial. X: the markers' x; Y: their y; Labels: each marker's hover label.
/// </summary>
public sealed record MergedMarkers(double[] X, double[] Y, string[] Labels)
{
    /// <summary>Cells across the markers' own x range: finer than a pixel on a chart as wide as a 1,920 px screen.</summary>
    public const int XCells = 2000;

    /// <summary>Cells across the markers' own y range: finer than a pixel of a chart 320 px tall.</summary>
    public const int YCells = 400;

    /// <summary>How many trial numbers a merged marker's label lists before "and N more".</summary>
    public const int ListedTrials = 6;

    public static MergedMarkers Empty { get; } = new([], [], []);

    public int Count => X.Length;

    /// <summary>
    /// Merges <paramref name="markers"/> that share a cell; the merged marker sits where the first of them is, so it is
    /// off by less than a pixel. <paramref name="single"/> labels a marker that stands alone (it may say more about its
    /// one trial than a merged label can).
    /// </summary>
    public static MergedMarkers Of(IReadOnlyList<Marker> markers, Func<Marker, string>? single = null)
    {
        ArgumentNullException.ThrowIfNull(markers);
        if (markers.Count == 0) return Empty;
        var (xCell, yCell) = (CellOf(markers.Select(m => m.X), XCells), CellOf(markers.Select(m => m.Y), YCells));
        var cells = new Dictionary<(long, long), List<Marker>>();
        var order = new List<List<Marker>>();
        foreach (var marker in markers)
        {
            var key = ((long)Math.Floor(marker.X / xCell), (long)Math.Floor(marker.Y / yCell));
            if (!cells.TryGetValue(key, out var cell))
            {
                cells[key] = cell = [];
                order.Add(cell);
            }
            cell.Add(marker);
        }
        single ??= m => $"trial {m.Trial}";
        return new MergedMarkers(
            [.. order.Select(c => c[0].X)],
            [.. order.Select(c => c[0].Y)],
            [.. order.Select(c => c.Count == 1 ? single(c[0]) : Label(c))]);
    }

    private static double CellOf(IEnumerable<double> values, int cells)
    {
        var (min, max) = (double.PositiveInfinity, double.NegativeInfinity);
        foreach (var value in values) (min, max) = (Math.Min(min, value), Math.Max(max, value));
        // All equal: any cell keeps them together; a positive one keeps the division finite.
        return max > min ? (max - min) / cells : 1;
    }

    private static string Label(List<Marker> cell)
    {
        var numbers = cell.Select(m => m.Trial).Order().ToList();
        var listed = string.Join(", ", numbers.Take(ListedTrials).Select(n => n.ToString(CultureInfo.InvariantCulture)));
        return numbers.Count > ListedTrials ? $"trials {listed} and {numbers.Count - ListedTrials} more" : $"trials {listed}";
    }
}

/// <summary>One trial's marker on a chart, before merging.</summary>
public readonly record struct Marker(double X, double Y, int Trial, long Parameters = 0);
