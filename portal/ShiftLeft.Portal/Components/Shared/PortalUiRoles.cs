using System.Security.Claims;

namespace ShiftLeft.Portal.Components.Shared;

/// <summary>The role names as the UI uses them in [Authorize] and AuthorizeView (they match the Identity roles).</summary>
public static class PortalUiRoles
{
    public const string Viewer = "viewer";
    public const string Triager = "triager";
    public const string Admin = "admin";

    /// <summary>Roles that may triage: admins triage too, so both names are listed for AuthorizeView.Roles.</summary>
    public const string CanTriage = Triager + "," + Admin;

    /// <summary>The strongest role the user holds, for the app bar chip.</summary>
    public static string Describe(ClaimsPrincipal user) =>
        user.IsInRole(Admin) ? Admin : user.IsInRole(Triager) ? Triager : user.IsInRole(Viewer) ? Viewer : "no role";
}
