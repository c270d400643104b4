namespace ShiftLeft.Portal.Hosting;

/// <summary>
/// Where to go after signing in: a path on this site, or the overview. Only app-relative paths pass ("/x", never "//host",
/// "/\host" or a scheme: no open redirect), and the result is percent-encoded ASCII, because it becomes a Location header
/// and a header with a non-ASCII character is an exception, not a redirect.
/// </summary>
public static class LocalRedirect
{
    private static readonly Uri Origin = new("http://portal.invalid/");

    public static string Sanitize(string? returnUrl)
    {
        if (string.IsNullOrWhiteSpace(returnUrl) || returnUrl[0] != '/' || (returnUrl.Length > 1 && returnUrl[1] is '/' or '\\')) return "/";
        if (!Uri.TryCreate(Origin, returnUrl, out var target) || target.Scheme != Origin.Scheme || target.Authority != Origin.Authority) return "/";
        // PathAndQuery and Fragment are the escaped forms: "é" becomes "%C3%A9", a space "%20".
        var local = target.PathAndQuery + target.Fragment;
        return local.All(char.IsAscii) && !local.Any(char.IsControl) ? local : "/";
    }
}
