using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using ShiftLeft.Portal.Core.Security;

namespace ShiftLeft.Portal.Components.Shared;

/// <summary>The signed-in user as the services want them (a <see cref="PortalActor"/>) and as the app bar shows them.</summary>
public static class CurrentUser
{
    /// <summary>The strongest role the user holds, for the app bar chip.</summary>
    public static string StrongestRole(ClaimsPrincipal user) =>
        user.IsInRole(PortalRoles.Admin) ? PortalRoles.Admin
        : user.IsInRole(PortalRoles.Triager) ? PortalRoles.Triager
        : user.IsInRole(PortalRoles.Viewer) ? PortalRoles.Viewer
        : "no role";

    /// <summary>The actor for a command, read fresh from the cascading authentication state.</summary>
    public static async Task<PortalActor> ActorAsync(Task<AuthenticationState>? authenticationState)
    {
        if (authenticationState is null) throw new InvalidOperationException("No authentication state cascades here; the page must be under <CascadingAuthenticationState>.");
        var state = await authenticationState;
        return PortalActor.FromPrincipal(state.User);
    }
}
