using MudBlazor;

namespace ShiftLeft.Portal.Components.Layout;

/// <summary>One theme for the whole portal, so severity and status colours mean the same thing on every page.</summary>
public static class PortalTheme
{
    /// <summary>The MudBlazor theme: a calm slate primary, and the palette's error/warning/info reserved for severities.</summary>
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1f4e79",
            Secondary = "#00838f",
            Tertiary = "#6a1b9a",
            AppbarBackground = "#16324f",
            AppbarText = "#ffffff",
            Background = "#f5f7fa",
            DrawerBackground = "#ffffff",
            DrawerText = "#263238",
            Error = "#c62828",
            Warning = "#ef6c00",
            Info = "#0277bd",
            Success = "#2e7d32",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["Inter", "Segoe UI", "Roboto", "Helvetica", "Arial", "sans-serif"] },
        },
        LayoutProperties = new LayoutProperties { DrawerWidthLeft = "236px" },
    };
}
