using ShiftLeft.Build.Diagnostics;

namespace ShiftLeft.Build.Json;

/// <summary>The marker ShiftLeftInit leaves in templates; evidence still containing it is not evidence yet.</summary>
public static class TemplatePlaceholder
{
    /// <summary>The marker text.</summary>
    public const string Marker = "TODO(shiftleft)";

    private static readonly byte[] MarkerBytes = System.Text.Encoding.ASCII.GetBytes(Marker);

    /// <summary>Adds an SL1002 error at the first marker and returns true when the file still has one.</summary>
    public static bool Report(byte[] bytes, string displayPath, ICollection<EvidenceDiagnostic> diagnostics)
    {
        var index = bytes.AsSpan().IndexOf(MarkerBytes);
        if (index < 0)
        {
            return false;
        }

        var (line, column) = new TextPositions(bytes).LineAndColumn(index);
        diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.ArtifactInvalid, new SourceLocation(displayPath, line, column), $"'{displayPath}' still contains the template placeholder {Marker}. Replace every {Marker} with real content (the template from ShiftLeftInit is not evidence)."));
        return true;
    }
}
