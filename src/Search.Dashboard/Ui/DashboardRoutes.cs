namespace NinSearch.Dashboard.Ui;

/// <summary>The UI's addresses, in one place so that links and pages agree.</summary>
public static class DashboardRoutes
{
    public const string Campaigns = "/";

    public const string Launch = "/campaigns/new";

    public const string Workers = "/workers";

    public static string Campaign(string campaignId) => $"/campaigns/{Uri.EscapeDataString(campaignId)}";

    public static string Trial(string campaignId, int number) => $"{Campaign(campaignId)}/trials/{number}";

    /// <summary>2 to 4 trials side by side: <c>/campaigns/{id}/compare?trials=3,5</c>.</summary>
    public static string Compare(string campaignId, IEnumerable<int> numbers) => $"{Campaign(campaignId)}/compare?trials={string.Join(",", numbers)}";
}
