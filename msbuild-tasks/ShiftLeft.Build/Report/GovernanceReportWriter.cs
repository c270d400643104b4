using System.Text.Json;

namespace ShiftLeft.Build.Report;

/// <summary>
/// Writes the governance fields of the evidence report — evidence digest, measurements, baseline, regressions,
/// fairness, sign-off, risk links — after the fields of schema 1.0 (fields are only ever added).
/// </summary>
internal static class GovernanceReportWriter
{
    public static void Write(Utf8JsonWriter w, EvidenceReport report)
    {
        w.WriteString("evidenceSha256", report.EvidenceSha256);
        w.WriteStartArray("measurements");
        report.Measurements.ForEach(m => WriteMeasurement(w, m));
        w.WriteEndArray();
        WriteBaseline(w, report.Baseline);
        w.WriteStartArray("regressions");
        report.Regressions.ForEach(r => WriteRegression(w, r));
        w.WriteEndArray();
        w.WriteStartArray("fairness");
        report.Fairness.ForEach(f => WriteFairness(w, f));
        w.WriteEndArray();
        WriteSignOff(w, report.SignOff);
        w.WriteStartArray("riskLinks");
        foreach (var link in report.RiskLinks)
        {
            w.WriteStartObject();
            w.WriteString("target", link.Target);
            w.WriteString("targetType", link.TargetType);
            EvidenceReportWriter.WriteStrings(w, "risks", link.Risks);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("registeredRisks");
        foreach (var risk in report.RegisteredRisks)
        {
            w.WriteStartObject();
            w.WriteString("id", risk.Id);
            w.WriteString("title", risk.Title);
            w.WriteString("category", risk.Category);
            w.WriteString("likelihood", risk.Likelihood);
            w.WriteString("impact", risk.Impact);
            w.WriteString("mitigation", risk.Mitigation);
            w.WriteString("owner", risk.Owner);
            w.WriteString("status", risk.Status);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteMeasurement(Utf8JsonWriter w, MeasurementReport m)
    {
        w.WriteStartObject();
        w.WriteString("kind", m.Kind);
        w.WriteString("name", m.Name);
        w.WriteString("source", m.Source);
        w.WriteString("statistic", m.Statistic);
        w.WriteNumber("n", m.N);
        // Full precision: a baseline recomputes its statistics from these.
        Number(w, "value", m.Value);
        EvidenceReportWriter.WriteNumber(w, "successes", m.Successes);
        Number(w, "standardDeviation", m.StandardDeviation);
        w.WriteNumber("errored", m.Errored);
        w.WriteEndObject();
    }

    private static void WriteBaseline(Utf8JsonWriter w, BaselineReport? b)
    {
        if (b is null)
        {
            w.WriteNull("baseline");
            return;
        }

        w.WriteStartObject("baseline");
        w.WriteString("status", b.Status);
        w.WriteString("source", b.Source);
        w.WriteString("location", b.Location);
        w.WriteString("acceptedBy", b.AcceptedBy);
        w.WriteString("acceptedAt", b.AcceptedAt is { } at ? EvidenceReportWriter.Timestamp(at) : null);
        w.WriteString("commit", b.Commit);
        w.WriteString("generatedAt", b.GeneratedAt is { } g ? EvidenceReportWriter.Timestamp(g) : null);
        w.WriteString("evidenceSha256", b.EvidenceSha256);
        w.WriteEndObject();
    }

    private static void WriteRegression(Utf8JsonWriter w, RegressionReport r)
    {
        w.WriteStartObject();
        w.WriteString("name", r.Name);
        w.WriteString("kind", r.Kind);
        w.WriteString("source", r.Source);
        w.WriteString("better", r.Better);
        w.WriteString("maxRegression", r.MaxRegression);
        w.WriteNumber("minSamples", r.MinSamples);
        Number(w, "allowedDrop", r.AllowedDrop);
        Number(w, "baselineValue", r.BaselineValue);
        EvidenceReportWriter.WriteNumber(w, "baselineN", r.BaselineN);
        Number(w, "currentValue", r.CurrentValue);
        EvidenceReportWriter.WriteNumber(w, "currentN", r.CurrentN);
        Number(w, "drop", r.Drop);
        Number(w, "dropLowerBound", r.DropLowerBound);
        w.WriteNumber("confidence", r.Confidence);
        w.WriteString("method", r.Method);
        w.WriteString("status", r.Status);
        w.WriteBoolean("passed", r.Passed);
        EvidenceReportWriter.WriteStrings(w, "risks", r.Risks);
        w.WriteEndObject();
    }

    private static void WriteFairness(Utf8JsonWriter w, FairnessReport f)
    {
        w.WriteStartObject();
        w.WriteString("metric", f.Metric);
        w.WriteString("kind", f.Kind);
        w.WriteString("source", f.Source);
        w.WriteString("attribute", f.Attribute);
        w.WriteString("better", f.Better);
        w.WriteNumber("maxGap", f.MaxGap);
        w.WriteNumber("minCohortSize", f.MinCohortSize);
        Number(w, "worstCohortMin", f.WorstCohortMin);
        Number(w, "worstCohortMax", f.WorstCohortMax);
        Number(w, "gap", f.Gap);
        w.WriteString("worstCohort", f.WorstCohort);
        w.WriteString("bestCohort", f.BestCohort);
        w.WriteString("status", f.Status);
        w.WriteBoolean("passed", f.Passed);
        w.WriteNumber("unassigned", f.Unassigned);
        w.WriteStartArray("cohorts");
        foreach (var cohort in f.Cohorts)
        {
            w.WriteStartObject();
            w.WriteString("value", cohort.Value);
            w.WriteNumber("n", cohort.N);
            Number(w, "metricValue", cohort.MetricValue);
            EvidenceReportWriter.WriteNumber(w, "successes", cohort.Successes);
            w.WriteString("status", cohort.Status);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        EvidenceReportWriter.WriteStrings(w, "risks", f.Risks);
        w.WriteEndObject();
    }

    private static void WriteSignOff(Utf8JsonWriter w, SignOffReport? s)
    {
        if (s is null)
        {
            w.WriteNull("signOff");
            return;
        }

        w.WriteStartObject("signOff");
        w.WriteBoolean("required", s.Required);
        w.WriteString("status", s.Status);
        w.WriteString("path", s.Path);
        w.WriteString("evidenceSha256", s.EvidenceSha256);
        w.WriteString("signer", s.Signer);
        w.WriteString("signedAt", s.SignedAt is { } at ? EvidenceReportWriter.Timestamp(at) : null);
        w.WriteString("comment", s.Comment);
        w.WriteString("keyId", s.KeyId);
        w.WriteString("commit", s.Commit);
        w.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
