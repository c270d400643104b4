using System.Security.Claims;
using Microsoft.Extensions.Options;
using ShiftLeft.Portal.Core.Security;

namespace ShiftLeft.Portal.Hosting;

/// <summary>
/// Builds the <see cref="PortalActor"/> a command runs as: the signed-in user, the channel it came through (API or UI),
/// the client's address, and whether the user authenticated recently enough for sensitive admin commands.
/// </summary>
public sealed class PortalActors(TimeProvider clock, IOptions<PortalAuthenticationOptions> options)
{
    /// <summary>The actor of an API request (cookie sign-in through POST /api/v1/session).</summary>
    public PortalActor ForApi(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return PortalActor.FromPrincipal(http.User) with
        {
            Channel = AuditChannels.Api,
            ClientAddress = http.Connection.RemoteIpAddress?.ToString(),
            RecentlyAuthenticated = IsRecent(RecentSignIn.SignedInAt(http.User)),
        };
    }

    /// <summary>The actor of a UI command; <paramref name="confirmedAt"/> is when the user last re-entered the password in this session.</summary>
    public PortalActor ForUi(ClaimsPrincipal user, string? clientAddress, DateTimeOffset? confirmedAt) =>
        PortalActor.FromPrincipal(user) with
        {
            Channel = AuditChannels.Ui,
            ClientAddress = clientAddress,
            RecentlyAuthenticated = IsRecent(RecentSignIn.SignedInAt(user)) || IsRecent(confirmedAt),
        };

    /// <summary>Where a request that has no signed-in actor yet came from (first-admin setup, single sign-on).</summary>
    public static RequestOrigin OriginOf(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return new(http.Request.Path.StartsWithSegments("/api") ? AuditChannels.Api : AuditChannels.Ui, http.Connection.RemoteIpAddress?.ToString());
    }

    private bool IsRecent(DateTimeOffset? at) => RecentSignIn.IsRecent(at, clock.GetUtcNow(), options.Value.RecentSignInWindow);
}
