using System.Text.Json;
using ShiftLeft.Build.Diagnostics;

namespace ShiftLeft.Build.Report;

/// <summary>
/// The findings of a gate run that wrote no evidence report — an AI project declared by no system or without any
/// shiftleft.json (SL1007), a policy that cannot be read (SL1005) — so that publishing reaches them too: the same
/// "diagnostics" array as the report's, each file a full path.
/// </summary>
public static class GateFindingsWriter
{
    /// <summary>Marks the file as this format.</summary>
    public const string Format = "shiftleft-gate-findings";

    /// <summary>Serialises the findings as indented UTF-8 JSON.</summary>
    public static byte[] Serialize(string toolVersion, string project, IEnumerable<(EvidenceDiagnostic Diagnostic, string FullPath)> findings)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("format", Format);
            w.WriteStartObject("tool");
            w.WriteString("name", "ShiftLeft.Build");
            w.WriteString("version", toolVersion);
            w.WriteEndObject();
            w.WriteString("project", project);
            w.WriteStartArray("diagnostics");
            foreach (var (d, file) in findings)
            {
                EvidenceReportWriter.WriteDiagnostic(w, new DiagnosticReport(
                    d.Code, d.Level == DiagnosticLevel.Error ? "error" : "warning", d.Message, file,
                    d.Location.Line > 0 ? d.Location.Line : null, d.Location.Column > 0 ? d.Location.Column : null));
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
