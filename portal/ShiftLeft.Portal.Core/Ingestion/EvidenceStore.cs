using Microsoft.EntityFrameworkCore;
using ShiftLeft.Portal.Core.Data;
using ShiftLeft.Portal.Core.Domain;

namespace ShiftLeft.Portal.Core.Ingestion;

/// <summary>Stores parsed evidence reports of a run: AI system upsert (repository + name), report, requirements, metrics.</summary>
internal static class EvidenceStore
{
    public static async Task<IReadOnlyList<string>> SaveAsync(
        PortalDbContext db, Repository repository, Run run, IReadOnlyList<ParsedEvidence> reports, DateTime now, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        foreach (var parsed in reports)
        {
            var report = parsed.Report;
            var system = await db.AiSystems.FirstOrDefaultAsync(a => a.RepositoryId == repository.Id && a.Name == parsed.SystemName, cancellationToken).ConfigureAwait(false);
            if (system is null)
            {
                system = new AiSystem { RepositoryId = repository.Id, Name = parsed.SystemName };
                db.AiSystems.Add(system);
            }

            system.Owner = Cut(report.System.Owner, 200) ?? system.Owner;
            system.RiskTier = Cut(report.System.RiskTier, 50) ?? system.RiskTier;
            system.Project = Cut(report.Project, 500) ?? system.Project;
            system.ModelId = Cut(report.Model?.Id, 200);
            system.PromptHash = Cut(report.Model?.PromptHash, 200);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);

            var stored = new EvidenceReport
            {
                RunId = run.Id,
                AiSystemId = system.Id,
                GeneratedAt = report.GeneratedAt,
                ReceivedAt = now,
                GatePassed = report.Gate.Passed,
                GateSeverity = Cut(report.Gate.Severity, 50),
                ToolName = Cut(report.Tool?.Name, 200),
                ToolVersion = Cut(report.Tool?.Version, 100),
                SchemaVersion = Cut(report.SchemaVersion, 20),
                Json = parsed.RedactedJson,
                Sha256 = parsed.Sha256,
            };
            db.EvidenceReports.Add(stored);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);

            foreach (var r in report.Requirements ?? [])
            {
                var messages = r.Messages ?? [];
                db.RequirementEvidence.Add(new RequirementEvidence
                {
                    AiSystemId = system.Id,
                    EvidenceReportId = stored.Id,
                    Kind = Cut(r.Kind, 200)!,
                    Status = r.Status,
                    Path = Cut(r.Path, 1000),
                    Sha256 = Cut(r.Sha256, 100),
                    LastModified = r.LastModified,
                    AgeDays = r.AgeDays,
                    DateSource = Cut(r.DateSource, 20),
                    DateNote = Cut(r.DateNote, 1000),
                    DatedAt = r.DatedAt,
                    CertifiedModelId = Cut(r.CertifiedModelId, 200),
                    CertifiedPromptHash = Cut(r.CertifiedPromptHash, 200),
                    StampedBy = Cut(r.StampedBy, 500),
                    StampedAt = r.StampedAt,
                    ExecutionName = Cut(r.Execution?.Name, 200),
                    ExceptionReason = Cut(r.Exception?.Reason, 2000),
                    ExceptionApprovedBy = Cut(r.Exception?.ApprovedBy, 200),
                    ExceptionExpires = r.Exception?.Expires,
                    Messages = messages.Count == 0 ? null : Cut(string.Join('\n', messages.Select(m => m.Replace('\n', ' '))), 8000),
                });
            }

            foreach (var m in report.Metrics ?? [])
            {
                db.MetricResults.Add(new MetricResult
                {
                    AiSystemId = system.Id,
                    EvidenceReportId = stored.Id,
                    Name = Cut(m.Name, 200)!,
                    Kind = Cut(m.Kind, 200),
                    Value = m.Value,
                    Threshold = m.Threshold,
                    Passed = m.Passed,
                    Source = Cut(m.Source, 1000),
                });
            }

            // Uploads can arrive out of order; the most recently received report is the current one.
            system.LastReportId = stored.Id;
            system.LastReportAt = now;
            system.LastGatePassed = report.Gate.Passed;
            system.LastCommit = run.Commit;
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            names.Add(system.Name);
        }

        return names;
    }

    private static string? Cut(string? value, int max) => RunIngestionService.Truncate(value, max);
}
