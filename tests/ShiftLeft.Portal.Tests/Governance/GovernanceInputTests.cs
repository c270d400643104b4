using Microsoft.EntityFrameworkCore;
using ShiftLeft.Portal.Core;
using ShiftLeft.Portal.Core.Security;
using ShiftLeft.Portal.Core.Services.Governance;
using ShiftLeft.Portal.Tests.Infrastructure;

namespace ShiftLeft.Portal.Tests.Governance;

/// <summary>What a person types into governance commands is checked before anything is stored or signed: a clear 400 (or 404), never a half-made record.</summary>
public sealed class GovernanceInputTests
{
    [Theory]
    [MemberData(nameof(BothProviders.All), MemberType = typeof(BothProviders))]
    public async Task Bad_exception_requests_and_sign_off_comments_are_refused_and_store_nothing(DatabaseProvider provider)
    {
        await using var portal = await CorePortal.CreateAsync(provider);
        await portal.IngestBytesAsync("contoso/inputs", "i1", null, evidence: GovernedEvidence.Report("support-assistant", "i1", GovernedEvidence.Digest("i1"), 0.05));
        await using var db = portal.Db();
        var systemId = await db.AiSystems.Select(a => a.Id).SingleAsync();
        var reportId = await db.EvidenceReports.Select(e => e.Id).SingleAsync();
        var soon = DateOnly.FromDateTime(TestClock.StartUtc.AddDays(10));

        async Task<string> Refused<TException>(RequestExceptionCommand command) where TException : Exception =>
            (await Assert.ThrowsAsync<TException>(() => portal.WithAsync<IRiskAcceptanceService, RiskAcceptanceDto>(s => s.RequestExceptionAsync(command, CorePortal.Triager)))).Message;

        Assert.Equal("reason: contains a control character (U+0000) at position 2; remove it (line breaks and tabs are allowed).", await Refused<PortalValidationException>(new(systemId, "evaluation", "a\0b", soon)));
        Assert.Contains("needs a reason", await Refused<PortalValidationException>(new(systemId, "evaluation", "  ", soon)), StringComparison.Ordinal);
        Assert.Contains("longer than 2000", await Refused<PortalValidationException>(new(systemId, "evaluation", new string('r', 2001), soon)), StringComparison.Ordinal);
        Assert.Contains("is not a risk id", await Refused<PortalValidationException>(new(systemId, "evaluation", "why", soon, ["<script>"])), StringComparison.Ordinal);
        Assert.Contains("evidence kind", await Refused<PortalValidationException>(new(systemId, "red team!", "why", soon)), StringComparison.Ordinal);
        Assert.Contains("not a requirement of 'support-assistant'", await Refused<PortalValidationException>(new(systemId, "dpia", "why", soon)), StringComparison.Ordinal);
        Assert.Contains("at most 180 days", await Refused<PortalValidationException>(new(systemId, "evaluation", "why", soon.AddDays(200))), StringComparison.Ordinal);
        await Refused<PortalNotFoundException>(new(systemId + 1000, "evaluation", "why", soon));
        await Assert.ThrowsAsync<PortalForbiddenException>(() => portal.WithAsync<IRiskAcceptanceService, RiskAcceptanceDto>(s =>
            s.RequestExceptionAsync(new(systemId, "evaluation", "why", soon), CorePortal.Viewer)));

        await Assert.ThrowsAsync<PortalValidationException>(() => portal.WithAsync<ISignOffService, SignOffDto>(s => s.SignAsync(systemId, reportId, "bell\u0007", CorePortal.Approver)));
        await Assert.ThrowsAsync<PortalValidationException>(() => portal.WithAsync<ISignOffService, SignOffDto>(s => s.SignAsync(systemId, reportId, new string('c', 2001), CorePortal.Approver)));
        await Assert.ThrowsAsync<PortalForbiddenException>(() => portal.WithAsync<ISignOffService, SignOffDto>(s => s.SignAsync(systemId, reportId, "ok", CorePortal.Triager)));
        await Assert.ThrowsAsync<PortalValidationException>(() => portal.WithAsync<ISignOffService, SignOffDto>(s => s.SignAsync(systemId + 1000, reportId, "ok", CorePortal.Approver)));

        Assert.False(await db.RiskAcceptances.AnyAsync());
        Assert.False(await db.ReleaseSignOffs.AnyAsync());
        Assert.False(await db.AuditLog.AnyAsync());

        // A sign-off's comment is redacted before it is signed, so the record and its signature agree.
        var signed = await portal.WithAsync<ISignOffService, SignOffDto>(s => s.SignAsync(systemId, reportId, "Reviewed with jane.doe@contoso.com", CorePortal.Approver));
        Assert.Equal("Reviewed with [email]", signed.Comment);
        var record = (await portal.WithAsync<ISignOffService, SignedRecord?>(s => s.ExportAsync(signed.Id)))!;
        Assert.Contains("\"comment\": \"Reviewed with [email]\"", record.Json, StringComparison.Ordinal);
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("UPDATE \"ReleaseSignOffs\" SET \"Comment\" = 'forged'"));
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM \"ReleaseSignOffs\""));
        Assert.Equal("Reviewed with [email]", (await db.ReleaseSignOffs.AsNoTracking().SingleAsync()).Comment);
    }
}
