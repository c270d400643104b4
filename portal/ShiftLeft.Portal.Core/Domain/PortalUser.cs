using Microsoft.AspNetCore.Identity;

namespace ShiftLeft.Portal.Core.Domain;

/// <summary>A person who signs in to the portal (local password or OpenID Connect).</summary>
public class PortalUser : IdentityUser
{
    /// <summary>Name shown in the UI and the audit log.</summary>
    [PersonalData]
    public string? DisplayName { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>The rules this person's overview and findings grid count (the "ShiftLeft rules only / all rules" switch).</summary>
    public RuleScope RuleScope { get; set; }
}
