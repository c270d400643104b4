namespace ShiftLeft.Portal.Core.Security;

/// <summary>How a command reached the portal, as the audit log records it.</summary>
public static class AuditChannels
{
    /// <summary>A signed-in person in the web UI.</summary>
    public const string Ui = "UI";

    /// <summary>The HTTP API (scripts, CI, the session endpoint).</summary>
    public const string Api = "API";

    /// <summary>An operator's command run on the portal's host (`tokens create`).</summary>
    public const string CommandLine = "CLI";

    /// <summary>The portal itself (expiry sweep, roles synced from single sign-on).</summary>
    public const string System = "System";
}
