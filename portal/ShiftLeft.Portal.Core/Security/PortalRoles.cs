namespace ShiftLeft.Portal.Core.Security;

/// <summary>
/// The four roles. Each includes the rights of the ones before it: viewer &lt; triager &lt; approver &lt; admin. An approver
/// approves risk acceptances and signs off releases; four eyes hold because nobody approves their own request.
/// </summary>
public static class PortalRoles
{
    public const string Viewer = "viewer";
    public const string Triager = "triager";
    public const string Approver = "approver";
    public const string Admin = "admin";

    /// <summary>All roles, least privileged first.</summary>
    public static readonly IReadOnlyList<string> All = [Viewer, Triager, Approver, Admin];

    /// <summary>The roles that include <paramref name="role"/>'s rights (it and every role after it).</summary>
    public static string[] AtLeast(string role) => All.Skip(All.ToList().IndexOf(role)).ToArray();
}

/// <summary>Authorization policy names for pages and endpoints (<c>[Authorize(Policy = PortalPolicies.CanTriage)]</c>).</summary>
public static class PortalPolicies
{
    /// <summary>Any signed-in user with a role: read dashboards, findings, AI systems, exports.</summary>
    public const string CanView = "portal.view";

    /// <summary>Triager or admin: dismiss, accept risk, reopen, bulk triage.</summary>
    public const string CanTriage = "portal.triage";

    /// <summary>Approver or admin: approve or reject risk acceptances, sign off releases.</summary>
    public const string CanApprove = "portal.approve";

    /// <summary>Viewer and up, or an ingestion token: the signed records and the baseline the gate asks for.</summary>
    public const string CanReadGovernance = "portal.governance-read";

    /// <summary>Admin: tokens, users, audit log, repository settings.</summary>
    public const string CanAdminister = "portal.admin";

    /// <summary>Bearer ingestion token (API only).</summary>
    public const string CanIngest = "portal.ingest";
}
