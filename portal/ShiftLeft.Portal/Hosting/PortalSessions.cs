using Microsoft.AspNetCore.Identity;
using ShiftLeft.Portal.Core.Domain;

namespace ShiftLeft.Portal.Hosting;

/// <summary>
/// What keeps a sign-in cookie honest: the cookie only carries who someone was when they signed in, so every request
/// checks it against the store (the person's security stamp and roles). Changing a role, locking an account out or
/// signing out changes the stamp, so every existing session of that person — a copied cookie or an open tab included —
/// ends on its next request (docs/portal.md "Sessions").
/// </summary>
internal static class PortalSessions
{
    /// <summary>
    /// Identity's default re-reads the store every 30 minutes: a demoted or locked-out admin would keep full power for
    /// that long. One user lookup per request is cheap next to what the portal's pages read.
    /// </summary>
    public static readonly TimeSpan ValidationInterval = TimeSpan.Zero;

    /// <summary>Signs the current person out and ends every other session of theirs (copies of the cookie included).</summary>
    public static async Task SignOutEverywhereAsync(SignInManager<PortalUser> signIn)
    {
        ArgumentNullException.ThrowIfNull(signIn);
        var user = await signIn.UserManager.GetUserAsync(signIn.Context.User).ConfigureAwait(false);
        if (user is not null) await signIn.UserManager.UpdateSecurityStampAsync(user).ConfigureAwait(false);
        await signIn.SignOutAsync().ConfigureAwait(false);
    }
}
