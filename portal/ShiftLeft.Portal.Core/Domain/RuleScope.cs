namespace ShiftLeft.Portal.Core.Domain;

/// <summary>Which rules the overview and the findings grid count: everything uploaded, or ShiftLeft's own rules only.</summary>
public enum RuleScope
{
    /// <summary>Every rule: ShiftLeft's, the compiler's, .NET analyzers' (CA, IDE) and any other analyzer's.</summary>
    All = 0,

    /// <summary>Only the rules documented in <see cref="RuleDocumentation"/> (SL0001…, SL1000…): compiler and CA rules are hidden.</summary>
    ShiftLeft = 1,
}
