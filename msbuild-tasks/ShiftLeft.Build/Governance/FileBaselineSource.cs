using System.Text;
using System.Text.Json;
using ShiftLeft.Build.Diagnostics;
using ShiftLeft.Build.Evidence;
using ShiftLeft.Build.Files;
using ShiftLeft.Build.Gate;
using ShiftLeft.Build.Json;
using ShiftLeft.Build.Policy;
using ShiftLeft.Build.Statistics;

namespace ShiftLeft.Build.Governance;

/// <summary>
/// The committed baseline, <c>shiftleft-baseline.json</c> beside shiftleft.json (or the policy's baseline.path),
/// written by ShiftLeftAcceptBaseline (docs/schema/shiftleft-baseline.schema.json). It is an input like any evidence:
/// only a regular file inside the repository, size-checked, strict UTF-8, schema-valid; anything else is SL1002.
/// </summary>
public sealed class FileBaselineSource(PolicyDocument policy, ProjectCommand commands) : IBaselineSource
{
    /// <summary>One accepted report per system, each a few kilobytes; far more is not a baseline.</summary>
    public const long MaxBytes = 16L * 1024 * 1024;

    private readonly string _fix = $"Accept the baseline again with {commands.AcceptBaseline} (schema: {DocumentationLinks.Schema("shiftleft-baseline.schema.json")}).";

    public BaselineLookup Find(string system, ICollection<string> trackedInputs, ICollection<EvidenceDiagnostic> diagnostics)
    {
        var relative = policy.Baseline.Path;
        // Watched even while missing, so that accepting a baseline re-runs the gate.
        trackedInputs.Add(Path.GetFullPath(Path.Combine(policy.Directory, relative)));
        var resolved = RepositoryFiles.Resolve(policy.Directory, relative);
        if (resolved.Problem == PathProblem.Missing)
        {
            return BaselineLookup.NotFound;
        }

        string? problem = resolved.Detail;
        var bytes = resolved.RealPath is { } real ? FileContent.Read(real, MaxBytes, out problem) : null;
        if (bytes is null)
        {
            diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.ArtifactInvalid, SourceLocation.InFile(relative), $"The baseline '{relative}' cannot be used: {problem}. {_fix}"));
            return BaselineLookup.Invalid;
        }

        return Parse(bytes, "file", relative, system, _fix, diagnostics);
    }

    /// <summary>
    /// The entry of <paramref name="system"/> in a shiftleft-baseline.json document read from <paramref name="source"/>
    /// (file or portal) at <paramref name="relative"/> (the path, or the URL): the same checks wherever it came from.
    /// </summary>
    internal static BaselineLookup Parse(byte[] bytes, string source, string relative, string system, string fix, ICollection<EvidenceDiagnostic> diagnostics)
    {
        var before = diagnostics.Count;
        var text = EvidenceText.Check(bytes, relative, RuleIds.ArtifactInvalid, diagnostics);
        using var document = text is null ? null : JsonSourceDocument.Load(text.Value, relative, RuleIds.ArtifactInvalid, fix, diagnostics);
        if (document is null || !SchemaValidator.Baseline.Validate(document, RuleIds.ArtifactInvalid, fix, diagnostics))
        {
            return BaselineLookup.Invalid;
        }

        if (!document.Root.GetProperty("systems").TryGetProperty(system, out var entry))
        {
            return BaselineLookup.NotFound;
        }

        var pointer = JsonSourceDocument.Child("/systems", system);
        var baseline = Read(document, entry, pointer, system, source, relative, fix, diagnostics);
        return baseline is null || diagnostics.Skip(before).Any(d => d.Level == DiagnosticLevel.Error)
            ? BaselineLookup.Invalid
            : new BaselineLookup(BaselineLookupStatus.Found, baseline);
    }

    private static AcceptedBaseline? Read(JsonSourceDocument document, JsonElement entry, string pointer, string system, string source, string relative, string fix, ICollection<EvidenceDiagnostic> diagnostics)
    {
        void Problem(string at, string message) =>
            diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.ArtifactInvalid, document.Locate(at), $"The baseline of system '{system}' in '{relative}' {message}. {fix}"));

        if (!EvidenceDates.TryParse(entry.GetProperty("acceptedAt").GetString()!, out var acceptedAt))
        {
            Problem(pointer + "/acceptedAt", "has an acceptedAt that is not a real instant");
            return null;
        }

        var report = entry.GetProperty("report");
        var reportPointer = pointer + "/report";
        var named = report.GetProperty("system").GetProperty("name").GetString();
        if (!string.Equals(named, system, StringComparison.Ordinal))
        {
            Problem(reportPointer + "/system/name", $"is the report of system '{EvidenceDiagnostic.Excerpt(named, 100)}'");
            return null;
        }

        DateTimeOffset? generatedAt = EvidenceDates.TryParse(report.GetProperty("generatedAt").GetString()!, out var generated) ? generated : null;
        var measurements = new List<BaselineMeasurement>();
        var index = 0;
        foreach (var measurement in report.GetProperty("measurements").EnumerateArray())
        {
            var at = JsonSourceDocument.Child(reportPointer + "/measurements", index++);
            var summary = Summary(measurement, out var why, out var field);
            if (summary is null)
            {
                Problem(at + "/" + field, why!);
                return null;
            }

            var kind = measurement.TryGetProperty("kind", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString() : null;
            measurements.Add(new BaselineMeasurement(kind, measurement.GetProperty("name").GetString()!, summary, Place.In(document.Locator, at)));
        }

        return new AcceptedBaseline(
            source, relative, entry.GetProperty("acceptedBy").GetString()!, acceptedAt,
            report.GetProperty("commit").ValueKind == JsonValueKind.String ? report.GetProperty("commit").GetString() : null,
            generatedAt, report.GetProperty("evidenceSha256").GetString(),
            Gate.ContentHashes.Of(Encoding.UTF8.GetBytes(entry.GetRawText())), measurements);
    }

    // The schema has the types; these are the facts a schema cannot relate (successes within n, a spread for a mean).
    private static SampleSummary? Summary(JsonElement measurement, out string? problem, out string field)
    {
        (problem, field) = (null, "successes");
        var n = measurement.GetProperty("n").GetInt32();
        var value = measurement.TryGetProperty("value", out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : (double?)null;
        if (measurement.GetProperty("statistic").GetString() == "proportion")
        {
            if (!(measurement.TryGetProperty("successes", out var s) && s.ValueKind == JsonValueKind.Number && s.TryGetInt32(out var successes) && successes <= n))
            {
                problem = "has a proportion without successes, or with more successes than n";
                return null;
            }

            return SampleSummary.Proportion(successes, n);
        }

        if (n > 0 && value is null)
        {
            (problem, field) = ($"has a mean of {n} values without a value", "value");
            return null;
        }

        var spread = measurement.TryGetProperty("standardDeviation", out var d) && d.ValueKind == JsonValueKind.Number ? d.GetDouble() : (double?)null;
        if (n > 1 && spread is null)
        {
            (problem, field) = ($"has a mean of {n} values without their standardDeviation", "standardDeviation");
            return null;
        }

        return SampleSummary.OfMean(n, value ?? 0, spread ?? 0);
    }
}
