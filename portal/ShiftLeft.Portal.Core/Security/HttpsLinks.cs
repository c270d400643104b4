namespace ShiftLeft.Portal.Core.Security;

/// <summary>
/// Links that come from uploads (a SARIF rule's <c>helpUri</c>) are stored, shown and exported only as absolute
/// <c>https:</c> URLs without credentials: never <c>javascript:</c>, <c>data:</c>, plain <c>http:</c> or a relative path.
/// </summary>
public static class HttpsLinks
{
    public const int MaxLength = 2000;

    /// <summary>The normalised https URL, or null when the value is anything else.</summary>
    public static string? OrNull(string? value) =>
        value is { Length: > 0 and <= MaxLength }
        && Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri)
        && uri.Scheme == Uri.UriSchemeHttps
        && uri.UserInfo.Length == 0
        && uri.AbsoluteUri.Length <= MaxLength
            ? uri.AbsoluteUri
            : null;
}
