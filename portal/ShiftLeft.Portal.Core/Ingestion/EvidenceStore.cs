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
        foreach (var report in reports)
        {
            var system = await db.AiSystems.FirstOrDefaultAsync(a => a.RepositoryId == repository.Id && a.Name == report.SystemName, cancellationToken).ConfigureAwait(false);
            if (system is null)
            {
                system = new AiSystem { RepositoryId = repository.Id, Name = report.SystemName };
                db.AiSystems.Add(system);
            }

            system.Owner = Cut(report.Owner, 200) ?? system.Owner;
            system.RiskTier = Cut(report.RiskTier, 50) ?? system.RiskTier;
            system.Project = Cut(report.Project, 500) ?? system.Project;
            system.ModelId = Cut(report.ModelId, 200);
            system.PromptHash = Cut(report.PromptHash, 200);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);

            var stored = new EvidenceReport
            {
                RunId = run.Id,
                AiSystemId = system.Id,
                GeneratedAt = report.GeneratedAt,
                ReceivedAt = now,
                GatePassed = report.GatePassed,
                GateSeverity = Cut(report.GateSeverity, 50),
                ToolName = Cut(report.ToolName, 200),
                ToolVersion = Cut(report.ToolVersion, 100),
                SchemaVersion = Cut(report.SchemaVersion, 20),
                Json = report.RedactedJson,
                Sha256 = report.Sha256,
            };
            db.EvidenceReports.Add(stored);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);

            foreach (var r in report.Requirements)
            {
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
                    CertifiedModelId = Cut(r.CertifiedModelId, 200),
                    CertifiedPromptHash = Cut(r.CertifiedPromptHash, 200),
                    ExceptionReason = Cut(r.ExceptionReason, 2000),
                    ExceptionApprovedBy = Cut(r.ExceptionApprovedBy, 200),
                    ExceptionExpires = r.ExceptionExpires,
                    Messages = r.Messages.Count == 0 ? null : Cut(string.Join('\n', r.Messages.Select(m => m.Replace('\n', ' '))), 8000),
                });
            }

            foreach (var m in report.Metrics)
            {
                db.MetricResults.Add(new MetricResult
                {
                    AiSystemId = system.Id,
                    EvidenceReportId = stored.Id,
                    Name = Cut(m.Name, 200)!,
                    Value = m.Value,
                    Threshold = m.Threshold,
                    Passed = m.Passed,
                    Source = Cut(m.Source, 1000),
                });
            }

            // Uploads can arrive out of order; the most recently received report is the current one.
            system.LastReportId = stored.Id;
            system.LastReportAt = now;
            system.LastGatePassed = report.GatePassed;
            system.LastCommit = run.Commit;
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            names.Add(system.Name);
        }

        return names;
    }

    private static string? Cut(string? value, int max) => RunIngestionService.Truncate(value, max);
}
