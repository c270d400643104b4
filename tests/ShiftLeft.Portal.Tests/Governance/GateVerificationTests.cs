using Microsoft.EntityFrameworkCore;
using ShiftLeft.Build.Diagnostics;
using ShiftLeft.Build.Gate;
using ShiftLeft.Build.Report;
using ShiftLeft.Portal.Core;
using ShiftLeft.Portal.Core.Services.Governance;
using ShiftLeft.Portal.Tests.Infrastructure;

namespace ShiftLeft.Portal.Tests.Governance;

/// <summary>
/// The portal's exported records are verified by the evidence gate's own code (ShiftLeft.Build, in process, as the
/// MSBuild task runs it): the build's report is uploaded, the exception is requested and approved by two people, the
/// release is signed off for the report's evidenceSha256, and the gate — trusting only the portal's public key — passes;
/// a record edited after export fails with SL1010.
/// </summary>
public sealed class GateVerificationTests
{
    private const string SignOffPath = GateRepository.SignOffPath;
    private const string ExceptionPath = "governance/exceptions/red-team.json";

    [Theory]
    [MemberData(nameof(BothProviders.All), MemberType = typeof(BothProviders))]
    public async Task Records_exported_by_the_portal_satisfy_the_gate_and_edited_ones_do_not(DatabaseProvider provider)
    {
        await using var portal = await CorePortal.CreateAsync(provider);
        var key = await portal.WithAsync<ISigningKeyService, SigningKeyDto>(s => s.GetPublicKeyAsync());
        using var repository = new GateRepository(key.TrustedKeyJson);

        // 1. No red-team result and no sign-off yet.
        var first = repository.Evaluate();
        Assert.Equal([RuleIds.ArtifactMissing, RuleIds.SignatureInvalid], first.Diagnostics.Where(d => d.Level == DiagnosticLevel.Error).Select(d => d.Code).Order());
        var systemId = await UploadAsync(portal, first, "build-1");

        // 2. Four eyes: a triager asks for the exception, an approver approves; the exported record makes the gate waive redTeam.
        var requested = await portal.WithAsync<IRiskAcceptanceService, RiskAcceptanceDto>(s => s.RequestExceptionAsync(
            new RequestExceptionCommand(systemId, "redTeam", "External red team booked for April", DateOnly.FromDateTime(TestClock.StartUtc.AddDays(60))), CorePortal.Triager));
        await portal.WithAsync<IRiskAcceptanceService, RiskAcceptanceDto>(s => s.ApproveAsync(requested.Id, "Booked, PO attached", CorePortal.Approver));
        var exception = (await portal.WithAsync<IRiskAcceptanceService, SignedRecord?>(s => s.ExportAsync(requested.Id)))!;
        Assert.Equal(exception.Json, Assert.Single(await portal.WithAsync<IRiskAcceptanceService, IReadOnlyList<SignedRecord>>(s => s.CurrentRecordsAsync(systemId))).Json);
        repository.Write(ExceptionPath, exception.Json);
        var second = repository.Evaluate();
        var onlyError = Assert.Single(second.Diagnostics, d => d.Level == DiagnosticLevel.Error);
        Assert.Equal(RuleIds.SignatureInvalid, onlyError.Code);
        var redTeam = second.Report!.Requirements.Single(r => r.Kind == "redTeam");
        Assert.Equal((RequirementStatus.Excepted, "record", "triager@example.test", "approver@example.test"),
            (redTeam.Status, redTeam.Exception!.Source, redTeam.Exception.RequestedBy, redTeam.Exception.ApprovedBy));

        // 3. The approver signs off the report of this build; the exported record passes the gate.
        await UploadAsync(portal, second, "build-2");
        await using (var db = portal.Db())
        {
            var reportId = await db.EvidenceReports.Where(e => e.EvidenceSha256 == second.Report.EvidenceSha256).Select(e => e.Id).SingleAsync();
            var signed = await portal.WithAsync<ISignOffService, SignOffDto>(s => s.SignAsync(systemId, reportId, "Red team waived until April; evidence reviewed.", CorePortal.Approver));
            Assert.Equal((second.Report.EvidenceSha256, "approver@example.test", key.KeyId), (signed.EvidenceSha256, signed.Signer, signed.KeyId));
            var record = (await portal.WithAsync<ISignOffService, SignedRecord?>(s => s.ExportAsync(signed.Id)))!;
            Assert.Equal(record.Json, (await portal.WithAsync<ISignOffService, SignedRecord?>(s => s.FindAsync(systemId, second.Report.EvidenceSha256!)))!.Json);
            repository.Write(SignOffPath, record.Json);
        }

        var third = repository.Evaluate();
        Assert.True(third.Passed, string.Join("\n", third.Diagnostics));
        Assert.Equal(("signed", "approver@example.test", key.KeyId), (third.Report!.SignOff!.Status, third.Report.SignOff.Signer, third.Report.SignOff.KeyId));

        // 4. Edited after export: the gate refuses both records.
        var signOff = repository.Read(SignOffPath);
        repository.Write(SignOffPath, signOff.Replace("evidence reviewed.", "evidence reviewed, all good.", StringComparison.Ordinal));
        var edited = Assert.Single(repository.Evaluate().Diagnostics, d => d.Level == DiagnosticLevel.Error);
        Assert.Equal(RuleIds.SignatureInvalid, edited.Code);
        Assert.Contains("does not match its signature", edited.Message, StringComparison.Ordinal);
        repository.Write(SignOffPath, signOff);
        repository.Write(ExceptionPath, exception.Json.Replace(ExportedDay(60), ExportedDay(90), StringComparison.Ordinal));
        var tampered = repository.Evaluate();
        Assert.Contains(tampered.Diagnostics, d => d.Code == RuleIds.SignatureInvalid && d.Message.Contains("does not match its signature", StringComparison.Ordinal) && d.Location.File == ExceptionPath);
        Assert.False(tampered.Passed);
    }

    private static string ExportedDay(int days) => TestClock.StartUtc.AddDays(days).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<long> UploadAsync(CorePortal portal, GateResult result, string buildId)
    {
        var upload = await portal.IngestBytesAsync("contoso/support", "0123abcd", sarif: null, buildId: buildId, evidence: EvidenceReportWriter.Serialize(result.Report!));
        Assert.Equal(["support-assistant"], upload.AiSystems);
        await using var db = portal.Db();
        return await db.AiSystems.Where(a => a.Name == "support-assistant").Select(a => a.Id).SingleAsync();
    }
}
