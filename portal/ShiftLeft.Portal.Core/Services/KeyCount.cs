namespace ShiftLeft.Portal.Core.Services;

/// <summary>A count for one key of a breakdown (rule id, OWASP category, …).</summary>
public sealed record KeyCount(string Key, int Count);
