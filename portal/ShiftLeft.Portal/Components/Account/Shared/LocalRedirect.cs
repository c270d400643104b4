namespace ShiftLeft.Portal.Components.Account.Shared;

/// <summary>Keeps post-sign-in redirects on this site (no open redirect through ?returnUrl=).</summary>
public static class LocalRedirect
{
    public static string Sanitize(string? returnUrl)
    {
        if (string.IsNullOrWhiteSpace(returnUrl)) return "/";
        // Only app-relative paths: "/x" but not "//host" or "/\host", and no scheme.
        if (returnUrl[0] == '/' && (returnUrl.Length == 1 || (returnUrl[1] != '/' && returnUrl[1] != '\\')))
            return returnUrl;
        return "/";
    }
}
