namespace ShiftLeft.Build.Policy;

/// <summary>The artifact kinds a policy may name: the built-in ones and those it declares under "customKinds".</summary>
internal sealed class KindNames(IReadOnlyCollection<string> custom)
{
    public bool IsKnown(string kind) => TierDefaults.Kinds.All.Contains(kind) || custom.Contains(kind);

    /// <summary>The kind <paramref name="name"/> spells with other letter case ("redteam" → "redTeam"), or null.</summary>
    public string? CaseVariantOf(string name) =>
        IsKnown(name) ? null : TierDefaults.Kinds.All.Concat(custom).FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The rest of a sentence saying why <paramref name="kind"/> is not a kind, and how to fix it.</summary>
    public string Describe(string kind)
    {
        var close = CaseVariantOf(kind);
        var hint = close is null ? string.Empty : $" (did you mean '{close}'? kinds are case-sensitive)";
        return $"neither a built-in kind ({string.Join(", ", TierDefaults.Kinds.All)}) nor declared under \"customKinds\"{hint}. Correct the spelling, or declare the kind: \"customKinds\": {{ \"{kind}\": {{ \"description\": \"...\" }} }}.";
    }
}
