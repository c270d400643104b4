using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using ShiftLeft.Portal.Core.Data;
using ShiftLeft.Portal.Core.Domain;
using ShiftLeft.Portal.Core.Security;

namespace ShiftLeft.Portal.Hosting;

/// <summary>
/// Completes an OpenID Connect sign-in: links (or creates) the local account, syncs its role from the provider's group
/// claims through <see cref="OpenIdConnectSettings.RoleMappings"/>, and signs in with the portal cookie.
/// Endpoints: GET /account/signin/oidc?returnUrl=… (challenge) → provider → GET /account/signin/oidc/complete.
/// </summary>
internal sealed class OpenIdConnectSignIn(
    SignInManager<PortalUser> signIn,
    UserManager<PortalUser> users,
    PortalDbContext db,
    IOptions<PortalAuthenticationOptions> options,
    TimeProvider clock)
{
    public static IEndpointRouteBuilder MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/account/signin/oidc", (string? returnUrl, IOptions<PortalAuthenticationOptions> options) =>
        {
            if (!options.Value.OpenIdConnect.IsEnabled) return Results.NotFound();
            var complete = "/account/signin/oidc/complete?returnUrl=" + Uri.EscapeDataString(LocalRedirect.Sanitize(returnUrl));
            return Results.Challenge(new AuthenticationProperties { RedirectUri = complete }, [PortalBackEndExtensions.OpenIdConnectScheme]);
        }).AllowAnonymous().ExcludeFromDescription();

        endpoints.MapGet("/account/signin/oidc/complete", async (string? returnUrl, OpenIdConnectSignIn handler) =>
        {
            var error = await handler.CompleteAsync().ConfigureAwait(false);
            return error is null
                ? Results.LocalRedirect(LocalRedirect.Sanitize(returnUrl))
                : Results.LocalRedirect("/account/signin?error=" + Uri.EscapeDataString(error));
        }).AllowAnonymous().ExcludeFromDescription();
        return endpoints;
    }

    /// <summary>Null on success, else a <see cref="SignInErrors"/> code for the sign-in page.</summary>
    public async Task<string?> CompleteAsync()
    {
        var info = await signIn.GetExternalLoginInfoAsync().ConfigureAwait(false);
        if (info is null) return SignInErrors.Expired;
        var settings = options.Value.OpenIdConnect;
        var role = MapRole(info.Principal, settings);

        var user = await users.FindByLoginAsync(info.LoginProvider, info.ProviderKey).ConfigureAwait(false);
        if (user is null)
        {
            if (role is null) return SignInErrors.NoRole;
            var email = info.Principal.FindFirstValue("email") ?? info.Principal.FindFirstValue(ClaimTypes.Email);
            user = email is null ? null : await users.FindByEmailAsync(email).ConfigureAwait(false);
            if (user is null)
            {
                user = new PortalUser
                {
                    UserName = email ?? $"{info.LoginProvider}-{info.ProviderKey}",
                    Email = email,
                    EmailConfirmed = email is not null,
                    DisplayName = info.Principal.FindFirstValue("name"),
                    CreatedAt = clock.GetUtcNow().UtcDateTime,
                };
                if (!(await users.CreateAsync(user).ConfigureAwait(false)).Succeeded) return SignInErrors.AccountNotCreated;
            }

            if (!(await users.AddLoginAsync(user, info).ConfigureAwait(false)).Succeeded) return SignInErrors.LoginNotLinked;
        }

        var current = await users.GetRolesAsync(user).ConfigureAwait(false);
        if (role is not null && !(current.Count == 1 && current[0] == role))
        {
            await users.RemoveFromRolesAsync(user, current).ConfigureAwait(false);
            await users.AddToRoleAsync(user, role).ConfigureAwait(false);
            var origin = PortalActors.OriginOf(signIn.Context);
            var actor = new PortalActor("oidc", "single sign-on", [PortalRoles.Admin]) { Channel = origin.Channel, ClientAddress = origin.ClientAddress };
            Core.Services.AuditWriterAccess.Add(db, actor, AuditActions.UserRolesChanged, "user", user.Id, new { roles = current }, new { roles = new[] { role } },
                clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync().ConfigureAwait(false);
        }
        else if (role is null && current.Count == 0)
        {
            return SignInErrors.NoRole;
        }

        var result = await signIn.ExternalLoginSignInAsync(info.LoginProvider, info.ProviderKey, isPersistent: false, bypassTwoFactor: true).ConfigureAwait(false);
        if (!result.Succeeded) return result.IsLockedOut ? SignInErrors.LockedOut : SignInErrors.Failed;
        await signIn.Context.SignOutAsync(IdentityConstants.ExternalScheme).ConfigureAwait(false);
        return null;
    }

    /// <summary>The highest portal role any of the principal's group claims maps to, else the default role.</summary>
    internal static string? MapRole(ClaimsPrincipal principal, OpenIdConnectSettings settings)
    {
        var mapped = principal.FindAll(settings.RoleClaim)
            .Select(c => settings.RoleMappings.GetValueOrDefault(c.Value))
            .Where(r => r is not null && PortalRoles.All.Contains(r))
            .Select(r => r!)
            .ToList();
        return mapped.Count == 0
            ? (settings.DefaultRole is { } d && PortalRoles.All.Contains(d) ? d : null)
            : mapped.OrderByDescending(r => PortalRoles.All.ToList().IndexOf(r)).First();
    }
}
