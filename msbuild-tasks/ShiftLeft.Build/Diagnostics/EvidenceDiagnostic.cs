using System.Text;

namespace ShiftLeft.Build.Diagnostics;

/// <summary>Whether a finding fails the gate (subject to ShiftLeftEvidenceSeverity) or only warns.</summary>
public enum DiagnosticLevel
{
    Warning,
    Error,
}

/// <summary>A place in a file; line and column are 1-based, 0 when unknown.</summary>
public readonly record struct SourceLocation(string? File, int Line, int Column)
{
    public static SourceLocation InFile(string? file) => new(file, 0, 0);
}

/// <summary>A metric of the artifact of one kind (<see cref="Kind"/> null: of whichever artifact reports it).</summary>
public readonly record struct MetricRef(string? Kind, string Name);

/// <summary>One SL100x finding. <see cref="Message"/> always ends with a sentence saying how to fix it.</summary>
public sealed record EvidenceDiagnostic(string Code, DiagnosticLevel Level, string Message, SourceLocation Location)
{
    /// <summary>How much of a value from a file a message quotes.</summary>
    public const int ExcerptLength = 160;

    /// <summary>The metric a finding is about, for its risk-register links.</summary>
    public MetricRef? Metric { get; init; }

    public static EvidenceDiagnostic Error(string code, SourceLocation location, string message) =>
        new(code, DiagnosticLevel.Error, OneLine(message), location);

    public static EvidenceDiagnostic Warning(string code, SourceLocation location, string message) =>
        new(code, DiagnosticLevel.Warning, OneLine(message), location);

    /// <summary>
    /// A value taken from a file, fit to be quoted in a message: on one line, control characters escaped (a
    /// terminal escape sequence in an evaluation's reason must not reach the build log as one), at most
    /// <paramref name="max"/> characters.
    /// </summary>
    public static string Excerpt(string? text, int max = ExcerptLength)
    {
        if (text is null)
        {
            return string.Empty;
        }

        var line = OneLine(text);
        return line.Length <= max ? line : line.Substring(0, max) + "…";
    }

    /// <summary>
    /// MSBuild turns every line of a message into its own "error SL100x:" line; a diagnostic is one finding, so line
    /// breaks and other control characters are written as escapes.
    /// </summary>
    public static string OneLine(string text)
    {
        var clean = true;
        foreach (var c in text)
        {
            if (char.IsControl(c) || c is '\u2028' or '\u2029')
            {
                clean = false;
                break;
            }
        }

        if (clean)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            _ = c switch
            {
                '\r' when i + 1 < text.Length && text[i + 1] == '\n' => builder,
                '\r' or '\n' or '\u2028' or '\u2029' or '\u0085' => builder.Append("\\n"),
                '\t' => builder.Append(' '),
                _ when char.IsControl(c) => builder.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture)),
                _ => builder.Append(c),
            };
        }

        return builder.ToString();
    }

    public override string ToString() =>
        $"{Location.File}({Location.Line},{Location.Column}): {Level.ToString().ToLowerInvariant()} {Code}: {Message}";
}
