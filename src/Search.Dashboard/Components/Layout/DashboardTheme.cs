using MudBlazor;

namespace NinSearch.Dashboard.Components.Layout;

/// <summary>The dashboard's colours, and system fonts: nothing is fetched from outside the cluster.</summary>
internal static class DashboardTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight { Primary = "#2f5d8a", Secondary = "#c0561b", AppbarBackground = "#1f3f5f" },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica", "Arial", "sans-serif"] },
        },
    };
}
