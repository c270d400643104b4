namespace ShiftLeft.Portal.Core.Security;

/// <summary>The three roles. Each includes the rights of the ones before it: viewer &lt; triager &lt; admin.</summary>
public static class PortalRoles
{
    public const string Viewer = "viewer";
    public const string Triager = "triager";
    public const string Admin = "admin";

    /// <summary>All roles, least privileged first.</summary>
    public static readonly IReadOnlyList<string> All = [Viewer, Triager, Admin];
}

/// <summary>Authorization policy names for pages and endpoints (<c>[Authorize(Policy = PortalPolicies.CanTriage)]</c>).</summary>
public static class PortalPolicies
{
    /// <summary>Any signed-in user with a role: read dashboards, findings, AI systems, exports.</summary>
    public const string CanView = "portal.view";

    /// <summary>Triager or admin: dismiss, accept risk, reopen, bulk triage.</summary>
    public const string CanTriage = "portal.triage";

    /// <summary>Admin: tokens, users, audit log, repository settings.</summary>
    public const string CanAdminister = "portal.admin";

    /// <summary>Bearer ingestion token (API only).</summary>
    public const string CanIngest = "portal.ingest";
}
