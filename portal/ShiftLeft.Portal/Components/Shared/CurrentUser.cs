using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using MudBlazor;
using ShiftLeft.Portal.Core.Domain;
using ShiftLeft.Portal.Core.Security;
using ShiftLeft.Portal.Hosting;

namespace ShiftLeft.Portal.Components.Shared;

/// <summary>
/// The signed-in user of this circuit as the services want them (a <see cref="PortalActor"/> with channel UI and the
/// client's address) and as the app bar shows them. Sensitive admin commands ask for <see cref="RecentActorAsync"/>:
/// unless the sign-in is recent, the user re-enters the password first (docs/portal.md "Re-authentication").
/// </summary>
public sealed class CurrentUser(
    AuthenticationStateProvider authentication,
    PortalActors actors,
    IDialogService dialogs,
    UserManager<PortalUser> users,
    SignInManager<PortalUser> signIn,
    TimeProvider clock)
{
    private DateTimeOffset? confirmedAt;

    /// <summary>Set once per circuit by the router from the HTTP request that opened the page.</summary>
    public string? ClientAddress { get; set; }

    /// <summary>The strongest role the user holds, for the app bar chip.</summary>
    public static string StrongestRole(ClaimsPrincipal user) =>
        PortalRoles.All.LastOrDefault(user.IsInRole) ?? "no role";

    /// <summary>
    /// The actor for a command, with the roles the person holds now: the circuit's principal is what they were when the
    /// page opened, and a demoted, locked-out or signed-out person must lose the power at once, not at the next check.
    /// </summary>
    public async Task<PortalActor> ActorAsync()
    {
        var principal = (await authentication.GetAuthenticationStateAsync().ConfigureAwait(false)).User;
        var actor = actors.ForUi(principal, ClientAddress, confirmedAt);
        var user = principal.Identity?.IsAuthenticated == true ? await signIn.ValidateSecurityStampAsync(principal).ConfigureAwait(false) : null;
        return actor with { Roles = user is null ? [] : [.. await users.GetRolesAsync(user).ConfigureAwait(false)] };
    }

    /// <summary>
    /// The actor for a sensitive command, recently authenticated: as is when the sign-in (or an earlier confirmation in
    /// this circuit) is recent, else after the user re-entered the password. Null when they cancel.
    /// </summary>
    public async Task<PortalActor?> RecentActorAsync()
    {
        var actor = await ActorAsync().ConfigureAwait(false);
        if (actor.RecentlyAuthenticated) return actor;
        var principal = (await authentication.GetAuthenticationStateAsync().ConfigureAwait(false)).User;
        var user = await users.GetUserAsync(principal).ConfigureAwait(false);
        if (user is null) return null;
        var parameters = new DialogParameters<ConfirmPasswordDialog>
        {
            { d => d.HasPassword, await users.HasPasswordAsync(user).ConfigureAwait(false) },
            { d => d.Verify, password => VerifyAsync(user, password) },
        };
        var dialog = await dialogs.ShowAsync<ConfirmPasswordDialog>("Confirm it is you", parameters,
            new DialogOptions { MaxWidth = MaxWidth.ExtraSmall, FullWidth = true, CloseOnEscapeKey = true }).ConfigureAwait(false);
        var result = await dialog.Result.ConfigureAwait(false);
        if (result is null || result.Canceled) return null;
        confirmedAt = clock.GetUtcNow();
        // Confirmed for this command whatever the window: a zero window asks every time and must still let it through.
        return actor with { RecentlyAuthenticated = true };
    }

    /// <summary>Null when the password is right; else what to tell the user. Wrong passwords count towards lockout.</summary>
    private async Task<string?> VerifyAsync(PortalUser user, string password)
    {
        var result = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true).ConfigureAwait(false);
        return result.Succeeded ? null
            : result.IsLockedOut ? "The account is locked after too many wrong passwords. Try again later or ask another administrator."
            : "Wrong password.";
    }
}
