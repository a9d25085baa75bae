using MudBlazor.Services;
using NinSearch.Dashboard.Components;

namespace NinSearch.Dashboard.Ui;

/// <summary>Wires the Blazor UI: interactive server components, MudBlazor, the per-tab session and live watches.</summary>
public static class UiEndpoints
{
    /// <summary>Adds the UI's services (called by <c>AddNinSearchDashboard</c>).</summary>
    public static IServiceCollection AddNinSearchUi(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddScoped<DashboardSession>();
        services.AddTransient<CampaignListWatch>();
        services.AddTransient<Live.LiveCampaignFeed>();
        return services;
    }

    /// <summary>
    /// Maps the UI at <c>/</c>: static assets (MudBlazor, Plotly, the dashboard's own) and the pages. Call after
    /// <c>MapNinSearchApi</c>, whose error handling and authentication come first.
    /// </summary>
    public static WebApplication MapNinSearchUi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
