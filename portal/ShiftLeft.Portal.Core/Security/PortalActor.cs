using System.Security.Claims;

namespace ShiftLeft.Portal.Core.Security;

/// <summary>Who performs a command: recorded in the audit log and checked against the command's required role.</summary>
public sealed record PortalActor(string UserId, string UserName, IReadOnlyCollection<string> Roles)
{
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
    public static PortalActor System { get; } = new("system", "system", [PortalRoles.Admin]);

    public bool CanView => Roles.Any(r => r is PortalRoles.Viewer or PortalRoles.Triager or PortalRoles.Admin);

    public bool CanTriage => Roles.Any(r => r is PortalRoles.Triager or PortalRoles.Admin);

    public bool IsAdmin => Roles.Contains(PortalRoles.Admin);

    /// <summary>Throws <see cref="PortalForbiddenException"/> unless the actor may triage.</summary>
    public void DemandTriage()
    {
        if (!CanTriage || string.IsNullOrEmpty(UserId))
            throw new PortalForbiddenException($"'{UserName}' needs the triager or admin role to triage findings.");
    }

    /// <summary>Throws <see cref="PortalForbiddenException"/> unless the actor is an admin.</summary>
    public void DemandAdmin()
    {
        if (!IsAdmin || string.IsNullOrEmpty(UserId))
            throw new PortalForbiddenException($"'{UserName}' needs the admin role for this action.");
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

/// <summary>A command's input is invalid (HTTP 400); the message says what to change.</summary>
public sealed class PortalValidationException(string message) : Exception(message);

/// <summary>The entity a command names does not exist (HTTP 404).</summary>
public sealed class PortalNotFoundException(string message) : Exception(message);
