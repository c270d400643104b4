namespace ShiftLeft.Portal.Core.Services;

public sealed record BootstrapResult(bool Succeeded, string? UserId, IReadOnlyList<string> Errors);
