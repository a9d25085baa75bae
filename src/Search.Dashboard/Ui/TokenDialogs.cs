using MudBlazor;
using NinSearch.Dashboard.Components.Shared;

namespace NinSearch.Dashboard.Ui;

/// <summary>Asking for the API token before a mutation.</summary>
public static class TokenDialogs
{
    /// <summary>
    /// True when this tab holds the API token, asking for it first if it does not; false when the dashboard has none
    /// configured or the person cancels.
    /// </summary>
    public static async Task<bool> AskForTokenAsync(this IDialogService dialogs, DashboardSession session, string reason)
    {
        ArgumentNullException.ThrowIfNull(dialogs);
        ArgumentNullException.ThrowIfNull(session);
        if (session.HasToken) return true;
        if (!session.TokenConfigured) return false;
        var dialog = await dialogs.ShowAsync<TokenDialog>("API token needed",
            new DialogParameters<TokenDialog> { { d => d.Reason, reason } },
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        var result = await dialog.Result;
        return result is { Canceled: false } && session.HasToken;
    }
}
