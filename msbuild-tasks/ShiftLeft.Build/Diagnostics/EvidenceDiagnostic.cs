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

/// <summary>One SL100x finding. <see cref="Message"/> always ends with a sentence saying how to fix it.</summary>
public sealed record EvidenceDiagnostic(string Code, DiagnosticLevel Level, string Message, SourceLocation Location)
{
    public static EvidenceDiagnostic Error(string code, SourceLocation location, string message) =>
        new(code, DiagnosticLevel.Error, message, location);

    public static EvidenceDiagnostic Warning(string code, SourceLocation location, string message) =>
        new(code, DiagnosticLevel.Warning, message, location);

    public override string ToString() =>
        $"{Location.File}({Location.Line},{Location.Column}): {Level.ToString().ToLowerInvariant()} {Code}: {Message}";
}
