namespace ShiftLeft.Portal.Core.Services;

public sealed record PortalUserDto(string Id, string UserName, string? Email, string? DisplayName, IReadOnlyList<string> Roles, bool IsLockedOut, bool HasPassword, IReadOnlyList<string> ExternalLogins);
