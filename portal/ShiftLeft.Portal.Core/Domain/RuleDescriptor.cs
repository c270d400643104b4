namespace ShiftLeft.Portal.Core.Domain;

/// <summary>What the portal knows about a rule, from the SARIF <c>tool.driver.rules</c> of uploads that reported it.</summary>
public class RuleDescriptor
{
    /// <summary>The rule id, e.g. <c>SL0003</c> or <c>CS8602</c>.</summary>
    public required string Id { get; set; }
    public string? Title { get; set; }
    public string? HelpUri { get; set; }
    public string? Category { get; set; }
    public string? OwaspCategory { get; set; }
}
