namespace ShiftLeft.Portal.Core.Domain;

/// <summary>
/// A rule some upload reported, across all repositories: the index of rule ids (filters, rule pages) and the OWASP
/// category the portal's own configuration maps it to. What an upload says about a rule (title, help link, category)
/// is kept per repository in <see cref="RepositoryRule"/>, so one repository's upload cannot change another's view.
/// </summary>
public class RuleDescriptor
{
    /// <summary>The rule id, e.g. <c>SL0003</c> or <c>CS8602</c>.</summary>
    public required string Id { get; set; }
    public string? OwaspCategory { get; set; }
}
