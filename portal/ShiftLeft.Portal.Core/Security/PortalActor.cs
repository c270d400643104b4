using System.Security.Claims;

namespace ShiftLeft.Portal.Core.Security;

/// <summary>
/// Who performs a command: recorded in the audit log (with the channel and client address it came through) and checked
/// against the command's required role. The host that builds the actor from a signed-in user also says whether that user
/// authenticated recently (docs/portal.md "Re-authentication"); sensitive admin commands demand it.
/// </summary>
public sealed record PortalActor(string UserId, string UserName, IReadOnlyCollection<string> Roles)
{
    /// <summary>How the command arrived: <see cref="AuditChannels.Ui"/>, <see cref="AuditChannels.Api"/> or <see cref="AuditChannels.System"/>.</summary>
    public string? Channel { get; init; }

    /// <summary>The client's IP address as the host sees it (after forwarded-header processing); null for the system.</summary>
    public string? ClientAddress { get; init; }

    /// <summary>Signed in, or re-entered the password, within the re-authentication window.</summary>
    public bool RecentlyAuthenticated { get; init; }

    /// <summary>The actor of a signed-in user (cookie or OpenID Connect principal).</summary>
    public static PortalActor FromPrincipal(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var id = principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
        var name = principal.FindFirstValue(ClaimTypes.Name) ?? principal.Identity?.Name ?? id;
        var roles = principal.FindAll(ClaimTypes.Role).Select(c => c.Value).ToArray();
        return new PortalActor(id, name, roles);
    }

    /// <summary>The system itself (expiry sweeps, bootstrap).</summary>
    public static PortalActor System { get; } = new("system", "system", [PortalRoles.Admin]) { Channel = AuditChannels.System };

    public bool CanView => Roles.Any(r => r is PortalRoles.Viewer or PortalRoles.Triager or PortalRoles.Approver or PortalRoles.Admin);

    public bool CanTriage => Roles.Any(r => r is PortalRoles.Triager or PortalRoles.Approver or PortalRoles.Admin);

    public bool CanApprove => Roles.Any(r => r is PortalRoles.Approver or PortalRoles.Admin);

    public bool IsAdmin => Roles.Contains(PortalRoles.Admin);

    /// <summary>Throws <see cref="PortalForbiddenException"/> unless the actor may triage.</summary>
    public void DemandTriage()
    {
        if (!CanTriage || string.IsNullOrEmpty(UserId))
            throw new PortalForbiddenException($"'{UserName}' needs the triager, approver or admin role to triage findings.");
    }

    /// <summary>Throws <see cref="PortalForbiddenException"/> unless the actor may approve risk acceptances and sign off releases.</summary>
    public void DemandApprove()
    {
        if (!CanApprove || string.IsNullOrEmpty(UserId) || UserId == System.UserId)
            throw new PortalForbiddenException($"'{UserName}' needs the approver or admin role to approve risk acceptances and sign off releases.");
    }

    /// <summary>Throws <see cref="PortalForbiddenException"/> unless the actor is an admin.</summary>
    public void DemandAdmin()
    {
        if (!IsAdmin || string.IsNullOrEmpty(UserId))
            throw new PortalForbiddenException($"'{UserName}' needs the admin role for this action.");
    }

    /// <summary>
    /// For commands that can hand out power (create a user or admin, change a role, create a token): an admin who
    /// authenticated recently. Throws <see cref="PortalReauthenticationRequiredException"/> otherwise, so a stolen or
    /// left-open session cannot mint admins.
    /// </summary>
    public void DemandRecentAdmin()
    {
        DemandAdmin();
        if (!RecentlyAuthenticated)
            throw new PortalReauthenticationRequiredException(
                "This action needs a recent sign-in: sign in again (API: POST /api/v1/session) or confirm your password, then retry.");
    }

    /// <summary>Throws <see cref="PortalForbiddenException"/> unless the actor may read.</summary>
    public void DemandView()
    {
        if (!CanView)
            throw new PortalForbiddenException($"'{UserName}' has no portal role.");
    }
}

/// <summary>The actor lacks the role a command requires (HTTP 403).</summary>
public sealed class PortalForbiddenException(string message) : Exception(message);

/// <summary>A sensitive command needs a recent sign-in the actor does not have (HTTP 401, problem type reauthentication-required).</summary>
public sealed class PortalReauthenticationRequiredException(string message) : Exception(message);

/// <summary>A command's input is invalid (HTTP 400); the message says what to change.</summary>
public sealed class PortalValidationException(string message, string? field = null) : Exception(message)
{
    /// <summary>The request field at fault (a JSON body's property, e.g. <c>comment</c>), when one is: the problem's <c>field</c> member.</summary>
    public string? Field { get; } = field;
}

/// <summary>The entity a command names does not exist (HTTP 404).</summary>
public sealed class PortalNotFoundException(string message) : Exception(message);
