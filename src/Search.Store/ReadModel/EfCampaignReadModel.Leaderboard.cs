using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using NinSearch.Store.Entities;

namespace NinSearch.Store.ReadModel;

public sealed partial class EfCampaignReadModel
{
    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException">
    /// <see cref="LeaderboardQuery.Offset"/> is negative, or <see cref="LeaderboardQuery.Limit"/> is outside 1 to
    /// <see cref="LeaderboardQuery.MaxLimit"/>; the exception's parameter name is the member's name.
    /// </exception>
    public async Task<LeaderboardPage?> GetLeaderboardAsync(string campaignId, LeaderboardQuery query, CancellationToken cancellationToken = default)
    {
        Validate(query);
        await using var db = await OpenAsync(cancellationToken);
        var filtered = Filter(TrialsOf(db, campaignId), query);
        var counts = await CountAsync(filtered, query.Sort, cancellationToken);
        if (counts.Total == 0 && !await CampaignExistsAsync(db, campaignId, cancellationToken))
        {
            return null;
        }

        var rows = new List<TrialRow>(Math.Min(query.Limit, Math.Max(0, counts.Total - query.Offset)));
        if (query.Offset < counts.Keyed)
        {
            rows.AddRange(await KeyedPage(filtered, query).ToListAsync(cancellationToken));
        }

        var missing = Math.Min(query.Limit - rows.Count, counts.Total - Math.Max(query.Offset, counts.Keyed));
        if (missing > 0)
        {
            rows.AddRange(await UnkeyedRows(filtered, query.Sort)
                .OrderBy(t => t.Number)
                .Skip(Math.Max(0, query.Offset - counts.Keyed))
                .Take(missing)
                .Select(ToRow)
                .ToListAsync(cancellationToken));
        }

        return new LeaderboardPage([.. rows.Select(ToEntry)], counts.Total, query);
    }

    /// <summary>
    /// The rows of the page that have a value in the sort column, ordered in the database: by that column in the
    /// requested direction, then by number. For the default sort (best validation accuracy, descending) the filter
    /// and order match index <c>ix_trials_campaign_id_best_val_accuracy_number</c>, so PostgreSQL reads the page
    /// straight from the index. Trials without a value (no epoch yet, no test accuracy) follow on later rows, by
    /// number, whatever the direction (see <see cref="UnkeyedRows"/>).
    /// </summary>
    internal static IQueryable<TrialRow> KeyedPage(IQueryable<Trial> filtered, LeaderboardQuery query)
    {
        var ordered = query.Sort switch
        {
            LeaderboardSort.BestValidationAccuracy => Order(filtered.Where(t => t.BestValAccuracy != null), t => t.BestValAccuracy, query.Descending),
            LeaderboardSort.TestAccuracy => Order(filtered.Where(t => t.TestAccuracy != null), t => t.TestAccuracy, query.Descending),
            LeaderboardSort.TrainSeconds => Order(filtered.Where(t => t.TrainSeconds != null), t => t.TrainSeconds, query.Descending),
            LeaderboardSort.LatencyMs => Order(filtered.Where(t => t.LatencyMs != null), t => t.LatencyMs, query.Descending),
            LeaderboardSort.ParameterCount => Order(filtered, t => t.Params, query.Descending),
            LeaderboardSort.Macs => Order(filtered, t => t.Macs, query.Descending),
            LeaderboardSort.Epochs => Order(filtered, t => t.LastEpoch ?? 0, query.Descending),
            LeaderboardSort.Number => query.Descending ? filtered.OrderByDescending(t => t.Number) : filtered.OrderBy(t => t.Number),
            _ => throw new ArgumentOutOfRangeException(nameof(query), query.Sort, "Unknown leaderboard sort."),
        };
        return ordered.Skip(query.Offset).Take(query.Limit).Select(ToRow);
    }

    /// <summary>The trials with no value in a nullable sort column (none for the other columns).</summary>
    private static IQueryable<Trial> UnkeyedRows(IQueryable<Trial> filtered, LeaderboardSort sort) => sort switch
    {
        LeaderboardSort.BestValidationAccuracy => filtered.Where(t => t.BestValAccuracy == null),
        LeaderboardSort.TestAccuracy => filtered.Where(t => t.TestAccuracy == null),
        LeaderboardSort.TrainSeconds => filtered.Where(t => t.TrainSeconds == null),
        LeaderboardSort.LatencyMs => filtered.Where(t => t.LatencyMs == null),
        _ => filtered.Where(t => false),
    };

    /// <summary>Rows matching the filter, and how many of them have a value in the sort column, in one aggregate.</summary>
    private static async Task<(int Total, int Keyed)> CountAsync(IQueryable<Trial> filtered, LeaderboardSort sort, CancellationToken cancellationToken)
    {
        var grouped = filtered.GroupBy(t => 1);
        var counts = sort switch
        {
            LeaderboardSort.BestValidationAccuracy => grouped.Select(g => new { Total = g.Count(), Keyed = g.Count(t => t.BestValAccuracy != null) }),
            LeaderboardSort.TestAccuracy => grouped.Select(g => new { Total = g.Count(), Keyed = g.Count(t => t.TestAccuracy != null) }),
            LeaderboardSort.TrainSeconds => grouped.Select(g => new { Total = g.Count(), Keyed = g.Count(t => t.TrainSeconds != null) }),
            LeaderboardSort.LatencyMs => grouped.Select(g => new { Total = g.Count(), Keyed = g.Count(t => t.LatencyMs != null) }),
            _ => grouped.Select(g => new { Total = g.Count(), Keyed = g.Count() }),
        };
        var row = await counts.FirstOrDefaultAsync(cancellationToken);
        return row is null ? (0, 0) : (row.Total, row.Keyed);
    }

    private static IQueryable<Trial> Filter(IQueryable<Trial> trials, LeaderboardQuery query)
    {
        if (query.Status is { } status)
        {
            trials = trials.Where(t => t.Status == status);
        }

        if (query.MinValidationAccuracy is { } min)
        {
            trials = trials.Where(t => t.BestValAccuracy >= min);
        }

        if (query.MaxMacs is { } macs)
        {
            trials = trials.Where(t => t.Macs <= macs);
        }

        if (query.MaxParameterCount is { } parameters)
        {
            trials = trials.Where(t => t.Params <= parameters);
        }

        return trials;
    }

    private static IOrderedQueryable<Trial> Order<TKey>(IQueryable<Trial> trials, Expression<Func<Trial, TKey>> key, bool descending) =>
        (descending ? trials.OrderByDescending(key) : trials.OrderBy(key)).ThenBy(t => t.Number);

    private static void Validate(LeaderboardQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Offset < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(LeaderboardQuery.Offset), query.Offset, "The offset must be 0 or more.");
        }

        if (query.Limit is < 1 or > LeaderboardQuery.MaxLimit)
        {
            throw new ArgumentOutOfRangeException(
                nameof(LeaderboardQuery.Limit), query.Limit, $"The limit must be between 1 and {LeaderboardQuery.MaxLimit}.");
        }
    }
}
