using Plotly.Blazor;
using Plotly.Blazor.LayoutLib;

namespace NinSearch.Dashboard.Components.Campaign;

/// <summary>The campaign page's common chart settings: compact margins, titled axes, a legend above the plot.</summary>
internal static class ChartLayouts
{
    public static readonly Config Config = new() { Responsive = true, DisplayLogo = false, DisplayModeBar = Plotly.Blazor.ConfigLib.DisplayModeBarEnum.Hover };

    public static Plotly.Blazor.Layout Xy(string xTitle, string yTitle, bool legend = true) => new()
    {
        Height = 320,
        Margin = new Margin { L = 56, R = 16, T = 8, B = 48 },
        ShowLegend = legend,
        Legend = [new Legend { Orientation = Plotly.Blazor.LayoutLib.LegendLib.OrientationEnum.H, Y = 1.02m, YAnchor = Plotly.Blazor.LayoutLib.LegendLib.YAnchorEnum.Bottom, X = 0 }],
        XAxis = [new XAxis { Title = new Plotly.Blazor.LayoutLib.XAxisLib.Title { Text = xTitle }, ZeroLine = false }],
        YAxis = [new YAxis { Title = new Plotly.Blazor.LayoutLib.YAxisLib.Title { Text = yTitle }, ZeroLine = false }],
        PaperBgColor = "rgba(0,0,0,0)",
        PlotBgColor = "rgba(0,0,0,0)",
        HoverMode = Plotly.Blazor.LayoutLib.HoverModeEnum.Closest,
    };
}
