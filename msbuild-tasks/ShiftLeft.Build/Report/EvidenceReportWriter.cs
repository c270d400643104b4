using System.Globalization;
using System.Text.Json;

namespace ShiftLeft.Build.Report;

/// <summary>Writes <see cref="EvidenceReport"/> with the exact property names of the portal contract.</summary>
public static class EvidenceReportWriter
{
    /// <summary>Serialises the report as indented UTF-8 JSON.</summary>
    public static byte[] Serialize(EvidenceReport report)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("schemaVersion", EvidenceReport.CurrentSchemaVersion);
            w.WriteString("generatedAt", Timestamp(report.GeneratedAt));
            w.WriteStartObject("tool");
            w.WriteString("name", "ShiftLeft.Build");
            w.WriteString("version", report.ToolVersion);
            w.WriteEndObject();
            w.WriteString("project", report.Project);
            w.WriteString("policy", report.Policy);
            w.WriteString("commit", report.Commit);
            w.WriteStartObject("system");
            w.WriteString("name", report.SystemName);
            w.WriteString("owner", report.SystemOwner);
            w.WriteString("riskTier", report.RiskTier);
            w.WriteEndObject();
            w.WriteStartObject("model");
            w.WriteString("id", report.ModelId);
            w.WriteString("promptHash", report.PromptHash);
            w.WriteStartArray("promptFiles");
            report.PromptFiles.ForEach(w.WriteStringValue);
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteStartObject("gate");
            w.WriteBoolean("passed", report.Passed);
            w.WriteString("severity", report.Severity);
            w.WriteEndObject();
            w.WriteStartArray("requirements");
            report.Requirements.ForEach(r => WriteRequirement(w, r));
            w.WriteEndArray();
            w.WriteStartArray("metrics");
            report.Metrics.ForEach(m => WriteMetric(w, m));
            w.WriteEndArray();
            w.WriteStartArray("diagnostics");
            report.Diagnostics.ForEach(d => WriteDiagnostic(w, d));
            w.WriteEndArray();
            GovernanceReportWriter.Write(w, report);
            w.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void WriteRequirement(Utf8JsonWriter w, RequirementReport r)
    {
        w.WriteStartObject();
        w.WriteString("kind", r.Kind);
        w.WriteString("status", r.Status);
        w.WriteBoolean("required", r.Required);
        w.WriteString("path", r.Path);
        w.WriteString("sha256", r.Sha256);
        w.WriteString("lastModified", r.LastModified is { } lm ? Timestamp(lm) : null);
        WriteNumber(w, "ageDays", r.AgeDays);
        w.WriteString("evidenceDate", r.EvidenceDate is { } ed ? Timestamp(ed) : null);
        WriteNumber(w, "maxAgeDays", r.MaxAgeDays);
        w.WriteString("dateSource", r.DateSource);
        w.WriteString("dateNote", r.DateNote);
        w.WriteString("datedAt", r.DatedAt is { } da ? Timestamp(da) : null);
        w.WriteString("format", r.Format);
        if (r.Execution is { } execution)
        {
            w.WriteStartObject("execution");
            w.WriteString("name", execution.Name);
            w.WriteString("selectedBy", execution.SelectedBy);
            w.WriteStartArray("ignored");
            foreach (var ignored in execution.Ignored)
            {
                w.WriteStringValue(ignored);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteString("certifiedModelId", r.CertifiedModelId);
        w.WriteString("certifiedPromptHash", r.CertifiedPromptHash);
        w.WriteString("stampedBy", r.StampedBy);
        w.WriteString("stampedAt", r.StampedAt is { } sa ? Timestamp(sa) : null);
        if (r.Exception is { } exception)
        {
            w.WriteStartObject("exception");
            w.WriteString("reason", exception.Reason);
            w.WriteString("approvedBy", exception.ApprovedBy);
            w.WriteString("expires", exception.Expires.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            w.WriteString("requestedBy", exception.RequestedBy);
            w.WriteString("approvedAt", exception.ApprovedAt?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            w.WriteString("source", exception.Source);
            w.WriteString("record", exception.Record);
            w.WriteString("keyId", exception.KeyId);
            WriteStrings(w, "risks", exception.Risks);
            w.WriteEndObject();
        }

        w.WriteStartArray("messages");
        r.Messages.ForEach(w.WriteStringValue);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteMetric(Utf8JsonWriter w, MetricReport m)
    {
        w.WriteStartObject();
        w.WriteString("name", m.Name);
        w.WriteString("kind", m.Kind);
        if (m.Value is { } value && double.IsFinite(value))
        {
            w.WriteNumber("value", Math.Round(value, 6));
        }
        else
        {
            w.WriteNull("value");
        }

        w.WriteString("threshold", m.Threshold);
        w.WriteBoolean("passed", m.Passed);
        w.WriteString("source", m.Source);
        w.WriteNumber("samples", m.Samples);
        w.WriteString("error", m.Error);
        WriteStrings(w, "risks", m.Risks);
        w.WriteEndObject();
    }

    private static void WriteDiagnostic(Utf8JsonWriter w, DiagnosticReport d)
    {
        w.WriteStartObject();
        w.WriteString("code", d.Code);
        w.WriteString("severity", d.Severity);
        w.WriteString("message", d.Message);
        w.WriteString("file", d.File);
        WriteNumber(w, "line", d.Line);
        WriteNumber(w, "column", d.Column);
        WriteStrings(w, "risks", d.Risks);
        w.WriteEndObject();
    }

    internal static void WriteStrings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var value in values)
        {
            w.WriteStringValue(value);
        }

        w.WriteEndArray();
    }

    internal static void WriteNumber(Utf8JsonWriter w, string name, int? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    internal static string Timestamp(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
