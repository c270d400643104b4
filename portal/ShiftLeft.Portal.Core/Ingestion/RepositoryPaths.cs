using ShiftLeft.Portal.Core.Security;

namespace ShiftLeft.Portal.Core.Ingestion;

/// <summary>
/// Turns SARIF artifact URIs (the compiler writes absolute <c>file://</c> URIs of the build machine) into
/// repository-relative paths with forward slashes, so the same file has the same path on every build agent.
/// Order: strip the uploader's <c>sourceRoot</c>; else strip everything up to the last path segment equal to the
/// repository's last name segment (<c>/work/chatbot/chatbot/src/A.cs</c> → <c>src/A.cs</c>); else keep the path
/// without its root and warn (fingerprints then depend on the agent's checkout folder).
/// </summary>
internal sealed class RepositoryPaths
{
    private const int MaxLength = 1024;
    private readonly string? _root;
    private readonly string _marker;

    public RepositoryPaths(string repository, string? sourceRoot)
    {
        var name = repository.TrimEnd('/');
        _marker = "/" + name[(name.LastIndexOf('/') + 1)..] + "/";
        if (!string.IsNullOrWhiteSpace(sourceRoot))
        {
            var root = FromUriOrPath(sourceRoot.Trim()) ?? throw new IngestionException(IngestionErrorKind.InvalidMetadata, $"sourceRoot '{sourceRoot}' is not a path or file URI.");
            _root = root.EndsWith('/') ? root : root + "/";
        }
    }

    /// <summary>Set when a path could not be made relative (reported once in the run's warnings).</summary>
    public bool UsedAbsoluteFallback { get; private set; }

    /// <summary>The repository-relative path, "" for a result without location; throws <see cref="IngestionException"/> for bad URIs.</summary>
    public string Normalize(string? uri, int resultIndex)
    {
        if (string.IsNullOrEmpty(uri)) return "";
        if (NamesHost(uri))
            throw Bad(uri, resultIndex, "names another host (a network share): use a path on the build machine or one relative to the repository");
        var path = Decode(uri) ?? throw Bad(uri, resultIndex, "is not a valid URI or path");
        if (HasInvisibleCharacters(path))
            throw Bad(uri, resultIndex, "is not a valid URI or path: once percent-decoded it holds a control or bidirectional-control character, which no file name needs");
        string relative;
        if (_root is not null && path.StartsWith(_root, IsDrivePath(path) ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal))
        {
            relative = path[_root.Length..];
        }
        else if (!IsRooted(path))
        {
            relative = path;
        }
        else
        {
            var marker = path.LastIndexOf(_marker, StringComparison.OrdinalIgnoreCase);
            if (marker >= 0)
            {
                relative = path[(marker + _marker.Length)..];
            }
            else
            {
                UsedAbsoluteFallback = true;
                relative = path.TrimStart('/');
                if (IsDrivePath(relative)) relative = relative[2..].TrimStart('/');
            }
        }

        relative = Canonical(relative) ?? throw Bad(uri, resultIndex, "climbs out of the repository with '..'");
        if (relative.Length > MaxLength) throw Bad(uri, resultIndex, $"is longer than {MaxLength} characters");
        return relative;
    }

    private const string UriField = "locations[0].physicalLocation.artifactLocation.uri";

    private static IngestionException Bad(string uri, int index, string why) =>
        new(IngestionErrorKind.MalformedSarif, $"Result {index}: '{UriField}' '{ControlCharacters.Quote(uri)}' {why}.") { Field = UriField, ResultIndex = index };

    /// <summary>
    /// A local path with forward slashes from a file URI, a relative URI reference or a plain path; null if invalid.
    /// Control and bidirectional-control characters are refused in the decoded path, since <c>%00</c> or <c>%E2%80%AE</c>
    /// are the same characters as their literal forms once unescaped.
    /// </summary>
    private static string? FromUriOrPath(string value) => Decode(value) is { } path && !HasInvisibleCharacters(path) ? path : null;

    private static bool HasInvisibleCharacters(string path) => path.Any(char.IsControl) || BidiControls.Any(path);

    private static string? Decode(string value)
    {
        if (value.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            if (!Uri.TryCreate(value, UriKind.Absolute, out var fileUri) || !fileUri.IsFile) return null;
            var local = Uri.UnescapeDataString(fileUri.AbsolutePath);
            // file:///C:/src → "/C:/src"
            return local.Length > 2 && local[0] == '/' && IsDrivePath(local[1..]) ? local[1..] : local;
        }

        // Anything else is a relative reference or a plain path. A colon before the first '/' means a scheme (http:, ftp:,
        // javascript:, … are not source files) or a malformed one (RFC 3986 forbids it in a relative reference's first
        // segment); only a drive letter (C:\src, C:/src) may have one.
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        var slash = value.IndexOfAny(['/', '\\']);
        if (colon >= 0 && (slash < 0 || colon < slash) && !(IsDrivePath(value) && slash == 2)) return null;
        string unescaped;
        try { unescaped = value.Contains('%', StringComparison.Ordinal) ? Uri.UnescapeDataString(value) : value; }
        catch (UriFormatException) { return null; }
        return unescaped.Replace('\\', '/');
    }

    /// <summary><c>//host/share/a.cs</c>, <c>\\host\share\a.cs</c>, <c>file://host/share/a.cs</c>: a file of another machine, not of the checkout.</summary>
    private static bool NamesHost(string value) =>
        (value.Length >= 2 && value[0] is '/' or '\\' && value[1] is '/' or '\\')
        || (value.StartsWith("file:", StringComparison.OrdinalIgnoreCase) && Uri.TryCreate(value, UriKind.Absolute, out var uri)
            && uri.Host.Length > 0 && !uri.IsLoopback);

    private static bool IsDrivePath(string path) => path.Length >= 2 && char.IsAsciiLetter(path[0]) && path[1] == ':';

    private static bool IsRooted(string path) => path.StartsWith('/') || IsDrivePath(path);

    /// <summary>Removes "." segments and resolves ".."; null when ".." would leave the repository.</summary>
    private static string? Canonical(string path)
    {
        if (!path.Contains("./", StringComparison.Ordinal) && !path.EndsWith('.') && !path.Contains("//", StringComparison.Ordinal)) return path;
        var segments = new List<string>();
        foreach (var segment in path.Split('/'))
        {
            if (segment.Length == 0 || segment == ".") continue;
            if (segment == "..")
            {
                if (segments.Count == 0) return null;
                segments.RemoveAt(segments.Count - 1);
            }
            else
            {
                segments.Add(segment);
            }
        }

        return string.Join('/', segments);
    }
}
