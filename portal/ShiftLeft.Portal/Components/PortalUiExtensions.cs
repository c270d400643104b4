using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using MudBlazor;
using MudBlazor.Services;

namespace ShiftLeft.Portal.Components;

/// <summary>Wires the interactive UI (Blazor Server + MudBlazor) into the host. Owned by the UI; Program.cs only calls it.</summary>
public static class PortalUiExtensions
{
    /// <summary>Registers Razor components (interactive server), MudBlazor and the cascading auth state the pages read.</summary>
    public static IServiceCollection AddPortalUi(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddCascadingAuthenticationState();
        services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, Shared.RevalidatingPortalAuthenticationStateProvider>();
        services.AddMudServices(config =>
        {
            config.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.BottomRight;
            config.SnackbarConfiguration.VisibleStateDuration = 5000;
        });
        services.AddScoped<Pages.Findings.TriageFlow>();
        services.AddScoped<Shared.CurrentUser>();
        return services;
    }

    /// <summary>
    /// Maps the UI: static assets, the Razor component endpoints and the sign-out POST. Call it after
    /// UseAuthentication/UseAuthorization so antiforgery validation sees the signed-in user.
    /// </summary>
    public static WebApplication MapPortalUi(this WebApplication app)
    {
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

        // A form post (antiforgery-checked because it binds [FromForm]) so a link or image cannot sign people out.
        app.MapPost("/account/signout", async ([FromForm] string? returnUrl, SignInManager<Core.Domain.PortalUser> signIn) =>
        {
            await Hosting.PortalSessions.SignOutEverywhereAsync(signIn);
            return TypedResults.LocalRedirect("~/account/signin");
        }).ExcludeFromDescription();
        return app;
    }
}
