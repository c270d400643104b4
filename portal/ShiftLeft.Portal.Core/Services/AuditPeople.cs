namespace ShiftLeft.Portal.Core.Services;

/// <summary>How the audit log names a person: display name and e-mail address, never an internal id.</summary>
public static class AuditPeople
{
    public static string Describe(string? displayName, string? email) =>
        (string.IsNullOrWhiteSpace(displayName), string.IsNullOrWhiteSpace(email)) switch
        {
            (false, false) => $"{displayName} <{email}>",
            (false, true) => displayName!,
            (true, false) => email!,
            _ => "unknown user",
        };
}
