using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace ShiftLeft.Portal.Hosting;

/// <summary>
/// When a person last proved who they are, for the re-authentication rule (docs/portal.md "Re-authentication"): creating
/// a user or admin, changing a role and creating a token need a sign-in within
/// <see cref="PortalAuthenticationOptions.RecentSignInWindow"/> (or, in the UI, the password entered again).
/// The time is stamped on the sign-in cookie when a sign-in happens (password, single sign-on) and kept unchanged when
/// the cookie slides or Identity refreshes its principal, so only a real sign-in makes it recent again.
/// </summary>
internal static class RecentSignIn
{
    public const string ClaimType = "shiftleft:signed-in-at";
    private const string PropertyKey = ".shiftleft.signed-in-at";

    /// <summary>Cookie event: every sign-in through the cookie handler (a refresh keeps the time it carries).</summary>
    public static Task OnSigningIn(CookieSigningInContext context)
    {
        if (!context.Properties.Items.TryGetValue(PropertyKey, out var at) || at is null)
        {
            var now = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
            at = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            context.Properties.Items[PropertyKey] = at;
        }

        if (context.Principal?.Identity is ClaimsIdentity identity)
        {
            foreach (var stale in identity.FindAll(ClaimType).ToList()) identity.RemoveClaim(stale);
            identity.AddClaim(new Claim(ClaimType, at));
        }

        return Task.CompletedTask;
    }

    /// <summary>Identity's periodic security-stamp check rebuilds the principal: carry the sign-in time over.</summary>
    public static Task OnRefreshingPrincipal(SecurityStampRefreshingPrincipalContext context)
    {
        if (context.CurrentPrincipal?.FindFirst(ClaimType) is { } at && context.NewPrincipal?.Identity is ClaimsIdentity identity)
            identity.AddClaim(new Claim(ClaimType, at.Value));
        return Task.CompletedTask;
    }

    /// <summary>When the principal signed in; null when the cookie predates the stamp.</summary>
    public static DateTimeOffset? SignedInAt(ClaimsPrincipal principal) =>
        long.TryParse(principal.FindFirstValue(ClaimType), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;

    /// <summary>Whether <paramref name="at"/> lies within the window before <paramref name="now"/>.</summary>
    public static bool IsRecent(DateTimeOffset? at, DateTimeOffset now, TimeSpan window) =>
        at is { } time && time <= now && now - time < window;
}
