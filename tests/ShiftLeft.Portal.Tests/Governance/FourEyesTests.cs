using Microsoft.EntityFrameworkCore;
using ShiftLeft.Portal.Core;
using ShiftLeft.Portal.Core.Domain;
using ShiftLeft.Portal.Core.Security;
using ShiftLeft.Portal.Core.Services;
using ShiftLeft.Portal.Core.Services.Governance;
using ShiftLeft.Portal.Tests.Infrastructure;

namespace ShiftLeft.Portal.Tests.Governance;

/// <summary>
/// Risk acceptance with four eyes on both providers: a request leaves the finding open, the requester (or anyone with
/// the requester's e-mail) cannot approve it, only an approver can, the expiry is required and bounded, and an approved
/// acceptance reopens its finding the day after its last day, with warnings before.
/// </summary>
public sealed class FourEyesTests
{
    private static readonly PortalActor RequestingApprover = new("requester-id", "rita@example.test", [PortalRoles.Approver]);

    private static SyntheticResult Finding(string name) => new("SL0003", $"Personal data '{name}' is written to a log", "file:///w/four-eyes/src/A.cs", 3);

    private static DateTime Day(int days) => TestClock.StartUtc.Date.AddDays(days);

    [Theory]
    [MemberData(nameof(BothProviders.All), MemberType = typeof(BothProviders))]
    public async Task The_requester_cannot_approve_their_own_acceptance_and_another_approver_can(DatabaseProvider provider)
    {
        await using var portal = await CorePortal.CreateAsync(provider);
        var run = await portal.IngestAsync("contoso/four-eyes", "f1", [Finding("a")]);
        await using var db = portal.Db();
        var finding = await db.Findings.SingleAsync(f => f.RepositoryId == run.RepositoryId);

        var outcome = await portal.WithAsync<ITriageService, TriageOutcome>(s => s.ApplyAsync(finding.Id, TriageCommand.AcceptRisk(Day(30), "Logs are scrubbed downstream"), RequestingApprover));
        Assert.True(outcome.PendingApproval);
        var request = await db.RiskAcceptances.AsNoTracking().SingleAsync(r => r.FindingId == finding.Id);
        Assert.Equal((RiskAcceptanceStatus.Pending, "rita@example.test", DateOnly.FromDateTime(Day(30))), (request.Status, request.RequestedByName, request.Expires));
        Assert.True((await db.Findings.AsNoTracking().SingleAsync(f => f.Id == finding.Id)).IsOpen);

        // The requester, a second account with the requester's e-mail, and a triager are all refused, server side.
        var own = await Assert.ThrowsAsync<PortalForbiddenException>(() => portal.WithAsync<IRiskAcceptanceService, RiskAcceptanceDto>(s => s.ApproveAsync(request.Id, null, RequestingApprover)));
        Assert.Contains("cannot approve it", own.Message, StringComparison.Ordinal);
        var alias = new PortalActor("alias-id", "RITA@example.test", [PortalRoles.Approver]);
        await Assert.ThrowsAsync<PortalForbiddenException>(() => portal.WithAsync<IRiskAcceptanceService, RiskAcceptanceDto>(s => s.ApproveAsync(request.Id, null, alias)));
        await Assert.ThrowsAsync<PortalForbiddenException>(() => portal.WithAsync<IRiskAcceptanceService, RiskAcceptanceDto>(s => s.ApproveAsync(request.Id, null, CorePortal.Triager)));
        Assert.Equal(RiskAcceptanceStatus.Pending, (await db.RiskAcceptances.AsNoTracking().SingleAsync(r => r.Id == request.Id)).Status);
        Assert.True((await db.Findings.AsNoTracking().SingleAsync(f => f.Id == finding.Id)).IsOpen);

        var approved = await portal.WithAsync<IRiskAcceptanceService, RiskAcceptanceDto>(s => s.ApproveAsync(request.Id, "Checked the scrubber", CorePortal.Approver));
        Assert.Equal((RiskAcceptanceStatus.Approved, "approver@example.test"), (approved.Status, approved.DecidedBy));
        var after = await db.Findings.AsNoTracking().SingleAsync(f => f.Id == finding.Id);
        Assert.Equal((TriageStatus.AcceptedRisk, false, Day(31).AddTicks(-10)), (after.Triage, after.IsOpen, after.TriageExpiresAt));
        var decision = await db.TriageDecisions.AsNoTracking().SingleAsync(t => t.FindingId == finding.Id && t.IsCurrent);
        Assert.Equal(("approver@example.test", "approver-id"), (decision.ApprovedBy, decision.DecidedById));
        var actions = await db.AuditLog.AsNoTracking().OrderBy(e => e.Id).Select(e => new { e.Action, e.ActorId }).ToListAsync();
        Assert.Equal(
            [(AuditActions.RiskAcceptanceRequested, "requester-id"), (AuditActions.RiskAcceptanceApproved, "approver-id"), (AuditActions.FindingRiskAccepted, "approver-id")],
            actions.Select(a => (a.Action, a.ActorId)));

        // Decided once: a second approval is refused.
        await Assert.ThrowsAsync<PortalValidationException>(() => portal.WithAsync<IRiskAcceptanceService, RiskAcceptanceDto>(s => s.ApproveAsync(request.Id, null, CorePortal.Admin)));
    }

    [Theory]
    [MemberData(nameof(BothProviders.All), MemberType = typeof(BothProviders))]
    public async Task The_expiry_is_required_and_bounded_by_configuration(DatabaseProvider provider)
    {
        await using var portal = await CorePortal.CreateAsync(provider, new Dictionary<string, string?> { ["Portal:Governance:MaxRiskAcceptanceDays"] = "30" });
        var run = await portal.IngestAsync("contoso/bounded", "b1", [Finding("b")]);
        await using var db = portal.Db();
        var id = await db.Findings.Where(f => f.RepositoryId == run.RepositoryId).Select(f => f.Id).SingleAsync();

        var tooLong = await Assert.ThrowsAsync<PortalValidationException>(() => portal.WithAsync<ITriageService, TriageOutcome>(s =>
            s.ApplyAsync(id, TriageCommand.AcceptRisk(Day(31), "too long"), CorePortal.Triager)));
        Assert.Contains("at most 30 days", tooLong.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<PortalValidationException>(() => portal.WithAsync<ITriageService, TriageOutcome>(s =>
            s.ApplyAsync(id, new TriageCommand(TriageAction.AcceptRisk, "no expiry"), CorePortal.Triager)));
        await Assert.ThrowsAsync<PortalValidationException>(() => portal.WithAsync<ITriageService, TriageOutcome>(s =>
            s.ApplyAsync(id, TriageCommand.AcceptRisk(Day(-1), "in the past"), CorePortal.Triager)));
        Assert.False(await db.RiskAcceptances.AnyAsync());
        await portal.WithAsync<ITriageService, TriageOutcome>(s => s.ApplyAsync(id, TriageCommand.AcceptRisk(Day(30), "exactly the bound"), CorePortal.Triager));
        Assert.Equal(1, await db.RiskAcceptances.CountAsync());
    }

    [Theory]
    [MemberData(nameof(BothProviders.All), MemberType = typeof(BothProviders))]
    public async Task An_approved_acceptance_warns_before_it_expires_and_reopens_the_finding_after_its_last_day(DatabaseProvider provider)
    {
        var clock = new ManualClock(TestClock.Start);
        await using var portal = await CorePortal.CreateAsync(provider, new Dictionary<string, string?> { ["Portal:Governance:ExpiryWarningDays"] = "14" }, clock);
        var run = await portal.IngestAsync("contoso/expiry", "e1", [Finding("c")]);
        await using var db = portal.Db();
        var id = await db.Findings.Where(f => f.RepositoryId == run.RepositoryId).Select(f => f.Id).SingleAsync();
        await portal.WithAsync<ITriageService, TriageOutcome>(s => s.ApplyAsync(id, TriageCommand.AcceptRisk(Day(20), "Fix scheduled in sprint 12"), CorePortal.Triager));
        var request = await db.RiskAcceptances.AsNoTracking().SingleAsync();
        await portal.WithAsync<IRiskAcceptanceService, RiskAcceptanceDto>(s => s.ApproveAsync(request.Id, null, CorePortal.Approver));

        async Task<IReadOnlyList<RiskAcceptanceDto>> Expiring() => await portal.WithAsync<IRiskAcceptanceService, IReadOnlyList<RiskAcceptanceDto>>(s => s.ExpiringSoonAsync());
        async Task<int> Sweep() => await portal.WithAsync<ITriageService, int>(s => s.ExpireAcceptedRisksAsync());
        Assert.Empty(await Expiring());
        clock.Advance(TimeSpan.FromDays(6)); // 14 days left: the Overview warns.
        Assert.Equal([request.Id], (await Expiring()).Select(a => a.Id));
        clock.Advance(TimeSpan.FromDays(14)); // the last day: still accepted.
        Assert.Equal(0, await Sweep());
        Assert.False((await db.Findings.AsNoTracking().SingleAsync(f => f.Id == id)).IsOpen);
        clock.Advance(TimeSpan.FromDays(1)); // the day after: the sweep reopens it.
        Assert.Equal(1, await Sweep());
        var after = await db.Findings.AsNoTracking().SingleAsync(f => f.Id == id);
        Assert.Equal((true, TriageStatus.None), (after.IsOpen, after.Triage));
        Assert.Empty(await Expiring());
        var lapsed = (await portal.WithAsync<IRiskAcceptanceService, IReadOnlyList<RiskAcceptanceDto>>(s => s.ListAsync(new RiskAcceptanceQuery()))).Single();
        Assert.True(lapsed.Lapsed);
        Assert.True(await db.AuditLog.AnyAsync(e => e.Action == AuditActions.FindingAcceptanceExpired && e.EntityId == id.ToString()));
    }
}
