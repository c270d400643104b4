using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using ShiftLeft.Portal.Core.Domain;

namespace ShiftLeft.Portal.Components.Shared;

/// <summary>
/// An open page (a Blazor circuit) keeps the principal it was opened with; this checks it against the store every
/// minute, so a person who was locked out or signed out elsewhere loses the open page too. Commands do not wait for
/// it: <see cref="CurrentUser"/> asks the store on every command.
/// </summary>
internal sealed class RevalidatingPortalAuthenticationStateProvider(ILoggerFactory loggerFactory, IServiceScopeFactory scopes)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(authenticationState);
        await using var scope = scopes.CreateAsyncScope();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<PortalUser>>();
        return await IsCurrentAsync(signIn, authenticationState.User).ConfigureAwait(false);
    }

    /// <summary>The principal's security stamp is still the person's (not locked out, not signed out, not removed).</summary>
    private static async Task<bool> IsCurrentAsync(SignInManager<PortalUser> signIn, ClaimsPrincipal principal) =>
        principal.Identity?.IsAuthenticated == true && await signIn.ValidateSecurityStampAsync(principal).ConfigureAwait(false) is not null;
}
