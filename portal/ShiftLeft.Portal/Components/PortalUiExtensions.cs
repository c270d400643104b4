namespace ShiftLeft.Portal.Components;

/// <summary>Wires the interactive UI (Blazor Server + MudBlazor) into the host. Owned by the UI; Program.cs only calls it.</summary>
public static class PortalUiExtensions
{
    public static IServiceCollection AddPortalUi(this IServiceCollection services) => services;

    public static WebApplication MapPortalUi(this WebApplication app) => app;
}
