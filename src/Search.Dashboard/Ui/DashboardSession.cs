using Microsoft.Extensions.Options;
using Microsoft.JSInterop;
using NinSearch.Dashboard.Auth;
using NinSearch.Dashboard.Hosting;

namespace NinSearch.Dashboard.Ui;

/// <summary>
/// One browser tab's standing with the API token (one per circuit): the UI asks for the token once, checks it against
/// the configured one, and keeps it in the tab's <c>sessionStorage</c> (never in a URL or cookie), so a reload does not
/// ask again and closing the tab forgets it. Launching and cancelling need it; reads need it only with
/// <see cref="ApiOptions.RequireTokenForReads"/>, as in the API.
/// </summary>
public sealed class DashboardSession(ApiToken token, IOptions<ApiOptions> options, IJSRuntime js)
{
    private string? presented;

    /// <summary>Raised when the token is given or forgotten.</summary>
    public event Action? Changed;

    /// <summary>Whether <see cref="RestoreAsync"/> has run (pages wait for it before reading anything).</summary>
    public bool Restored { get; private set; }

    /// <summary>Whether the dashboard has a token at all; without one, launching and cancelling are off.</summary>
    public bool TokenConfigured => token.IsConfigured;

    /// <summary>Whether this tab gave the right token.</summary>
    public bool HasToken => presented is not null;

    /// <summary>Whether this tab may read campaigns.</summary>
    public bool CanRead => !options.Value.RequireTokenForReads || HasToken;

    /// <summary>Whether this tab may launch and cancel campaigns.</summary>
    public bool CanWrite => HasToken;

    /// <summary>Takes back the token this tab gave before a reload, if it is still the right one.</summary>
    public async Task RestoreAsync()
    {
        try
        {
            var stored = await js.InvokeAsync<string?>("ninSearch.session.get");
            if (!string.IsNullOrEmpty(stored) && token.Matches(stored)) presented = stored;
            else if (!string.IsNullOrEmpty(stored)) await js.InvokeVoidAsync("ninSearch.session.clear");
        }
        finally
        {
            Restored = true;
        }
        // Components drawn before the restore (the app bar's token button) show the token they now hold.
        if (presented is not null) Changed?.Invoke();
    }

    /// <summary>Keeps <paramref name="value"/> for this tab when it is the API token; false (and nothing kept) otherwise.</summary>
    public async Task<bool> SignInAsync(string? value)
    {
        var candidate = value?.Trim() ?? "";
        if (candidate.Length == 0 || !token.Matches(candidate)) return false;
        presented = candidate;
        await js.InvokeVoidAsync("ninSearch.session.set", candidate);
        Changed?.Invoke();
        return true;
    }

    /// <summary>Forgets the token in this tab.</summary>
    public async Task SignOutAsync()
    {
        presented = null;
        await js.InvokeVoidAsync("ninSearch.session.clear");
        Changed?.Invoke();
    }
}
