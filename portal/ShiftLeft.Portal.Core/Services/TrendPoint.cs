namespace ShiftLeft.Portal.Core.Services;

/// <summary>Open findings at the end of <see cref="Day"/> (UTC), summed over repositories' default branches.</summary>
public sealed record TrendPoint(DateOnly Day, int OpenFindings);
