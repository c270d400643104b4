using System.Text.RegularExpressions;

namespace ShiftLeft.Portal.Core.Domain;

/// <summary>
/// The grammar of a repository name (docs/portal.md "Identifiers") and its canonical form. A name is one or more
/// segments separated by <c>/</c> (<c>contoso/chatbot</c>, <c>group/sub/project</c>, <c>Fabrikam/Fiber Team/web</c>);
/// a segment is ASCII letters, digits, <c>. _ -</c> and single inner spaces, and is not <c>.</c> or <c>..</c>; at most
/// 200 characters in all. Names are compared by their canonical form, lower case: <c>Contoso/Repo</c> and
/// <c>contoso/repo</c> are one repository, and a token scoped to one may upload to the other.
/// </summary>
public static partial class RepositoryNames
{
    public const int MaxLength = 200;

    /// <summary>What a valid name looks like, for error messages.</summary>
    public const string Grammar =
        "segments separated by '/', each made of ASCII letters, digits, '.', '_', '-' and single inner spaces (not '.' or '..'), at most 200 characters, e.g. contoso/chatbot";

    public static bool IsValid(string? name) =>
        name is { Length: > 0 and <= MaxLength }
        && Pattern().IsMatch(name)
        && !name.Split('/').Any(segment => segment is "." or "..");

    /// <summary>The form names are stored under and compared by (valid names are ASCII, so lower-casing is unambiguous).</summary>
    public static string Canonical(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.ToLowerInvariant();
    }

    /// <summary>Whether two names denote the same repository.</summary>
    public static bool Same(string? a, string? b) =>
        a is not null && b is not null && string.Equals(Canonical(a), Canonical(b), StringComparison.Ordinal);

    [GeneratedRegex(@"^[A-Za-z0-9._\-]+(?: [A-Za-z0-9._\-]+)*(?:/[A-Za-z0-9._\-]+(?: [A-Za-z0-9._\-]+)*)*\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
