namespace ShiftLeft.Build.Publishing;

/// <summary>
/// The portal URL and ingestion token, checked the same way for publishing and for the gate's governance lookups.
/// Problems are sentences without the token; the caller says what was not done.
/// </summary>
public static class PortalConnection
{
    /// <summary>An http(s) base URL; plain http to a host other than loopback only with <paramref name="allowHttp"/> (the token would travel unencrypted).</summary>
    public static Uri? ParseUrl(string url, bool allowHttp, out string? problem)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var portal) || (portal.Scheme != Uri.UriSchemeHttps && portal.Scheme != Uri.UriSchemeHttp) || portal.Query.Length > 0 || portal.Fragment.Length > 0 || portal.UserInfo.Length > 0)
        {
            problem = $"ShiftLeftPortalUrl '{url}' is not an http(s) base URL such as https://portal.example.com";
            return null;
        }

        if (portal.Scheme == Uri.UriSchemeHttp && !portal.IsLoopback && !allowHttp)
        {
            problem = $"ShiftLeftPortalUrl '{url}' is plain http to another machine: the ingestion token would travel unencrypted. Use https, or set ShiftLeftPortalAllowHttp=true on a trusted network";
            return null;
        }

        problem = null;
        return portal;
    }

    /// <summary>SHIFTLEFT_TOKEN, else the token file. The value is only ever put into the Authorization header.</summary>
    public static string? ReadToken(string? tokenFile, Func<string, string?> environment, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (environment("SHIFTLEFT_TOKEN") is { Length: > 0 } fromEnvironment)
        {
            return Validate(fromEnvironment.Trim(), "SHIFTLEFT_TOKEN", out problem);
        }

        if (tokenFile is null)
        {
            problem = "No ingestion token: set the environment variable SHIFTLEFT_TOKEN, or SHIFTLEFT_TOKEN_FILE (or the property ShiftLeftPortalTokenFile) to a file holding it";
            return null;
        }

        try
        {
            var info = new FileInfo(tokenFile);
            if (!info.Exists || info.Length > 4096)
            {
                problem = $"The token file '{tokenFile}' does not exist or is larger than 4 KiB";
                return null;
            }

            return Validate(File.ReadAllText(tokenFile).Trim(), $"the token file '{tokenFile}'", out problem);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problem = $"The token file '{tokenFile}' cannot be read ({ex.GetType().Name})";
            return null;
        }
    }

    private static string? Validate(string token, string origin, out string? problem)
    {
        var valid = token.Length is > 0 and <= 1024 && token.All(c => c > ' ' && c < 127);
        problem = valid ? null : $"The ingestion token in {origin} is empty or not one line of printable ASCII";
        return valid ? token : null;
    }
}
