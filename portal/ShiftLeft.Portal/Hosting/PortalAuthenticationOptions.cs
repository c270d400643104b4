namespace ShiftLeft.Portal.Hosting;

/// <summary>Configuration section <c>Portal:Authentication</c> (docs/portal.md "Sign-in").</summary>
public sealed class PortalAuthenticationOptions
{
    public const string SectionName = "Portal:Authentication";

    /// <summary>Sliding lifetime of the sign-in cookie.</summary>
    public TimeSpan CookieLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>
    /// How recent a sign-in must be for the sensitive admin actions (create a user or admin, change a role, create a
    /// token); in the UI, re-entering the password also counts for this long.
    /// </summary>
    public TimeSpan RecentSignInWindow { get; set; } = TimeSpan.FromMinutes(15);

    public OpenIdConnectSettings OpenIdConnect { get; set; } = new();
}

/// <summary>
/// Optional single sign-on. Enabled when <see cref="Authority"/> and <see cref="ClientId"/> are set. People signing in
/// this way get a local account linked to the provider; their role comes from <see cref="RoleMappings"/> (claim value →
/// viewer / triager / admin, the highest wins) or, when nothing maps, <see cref="DefaultRole"/> (none: no access).
/// </summary>
public sealed class OpenIdConnectSettings
{
    public string? Authority { get; set; }
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }
    public string DisplayName { get; set; } = "Single sign-on";
    public string[] Scopes { get; set; } = ["openid", "profile", "email"];

    /// <summary>Claim carrying group or role names (e.g. <c>groups</c>, <c>roles</c>).</summary>
    public string RoleClaim { get; set; } = "groups";

    public Dictionary<string, string> RoleMappings { get; set; } = new(StringComparer.Ordinal);
    public string? DefaultRole { get; set; }
    public bool RequireHttpsMetadata { get; set; } = true;

    public bool IsEnabled => !string.IsNullOrWhiteSpace(Authority) && !string.IsNullOrWhiteSpace(ClientId);
}
