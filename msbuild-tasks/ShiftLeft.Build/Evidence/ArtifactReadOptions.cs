namespace ShiftLeft.Build.Evidence;

/// <summary>What the policy tells a reader about one artifact.</summary>
/// <param name="ModelProviders">model.providers of the system: promptfoo provider label or id → the model id it calls.</param>
/// <param name="Execution">The aieval execution the policy names; null reads the latest.</param>
/// <param name="CohortAttributes">The attributes the system's fairness rules group results by; only these are read per result.</param>
public sealed record ArtifactReadOptions(IReadOnlyDictionary<string, string> ModelProviders, string? Execution, IReadOnlyCollection<string> CohortAttributes);
