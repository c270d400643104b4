using Microsoft.EntityFrameworkCore;
using ShiftLeft.Portal.Core;
using ShiftLeft.Portal.Core.Domain;
using ShiftLeft.Portal.Core.Security;
using ShiftLeft.Portal.Core.Services;
using ShiftLeft.Portal.Tests.Infrastructure;

namespace ShiftLeft.Portal.Tests.Core;

public sealed class AuditAndRoleTests(BothProviders providers) : IClassFixture<BothProviders>
{
    [Theory]
    [MemberData(nameof(BothProviders.All), MemberType = typeof(BothProviders))]
    public async Task Triage_and_admin_actions_are_audited_and_the_log_cannot_be_changed(DatabaseProvider provider)
    {
        var portal = await providers.Get(provider);
        var run = await portal.IngestAsync("contoso/audited", "a1",
            [new SyntheticResult("SL0001", "Model call not audit-logged", "file:///w/audited/A.cs", 4), new SyntheticResult("SL0001", "Model call not audit-logged", "file:///w/audited/A.cs", 9)]);
        await using var db = portal.Db();
        var ids = await db.Findings.Where(f => f.RepositoryId == run.RepositoryId).Select(f => f.Id).ToListAsync();
        var bulk = await portal.WithAsync<ITriageService, BulkTriageOutcome>(s =>
            s.ApplyToFilterAsync(new FindingFilter { RepositoryId = run.RepositoryId }, TriageCommand.Dismiss(DismissReason.WontFix, "Legacy module, replaced next quarter"), CorePortal.Triager));
        Assert.Equal((2, 2, 2), (bulk.Matched, bulk.Decisions, bulk.FindingsUpdated));
        var token = await portal.WithAsync<IIngestionTokenService, CreatedIngestionToken>(s =>
            s.CreateAsync(new CreateIngestionTokenRequest("ci", false, ["contoso/audited"], TestClock.StartUtc.AddDays(7)), CorePortal.Admin));
        await portal.WithAsync<IIngestionTokenService>(s => s.RevokeAsync(token.Token.Id, CorePortal.Admin));

        var log = await portal.WithAsync<IAuditLogService, PagedResult<AuditLogEntryDto>>(s => s.ListAsync(new AuditLogQuery()));
        Assert.Equal(2, log.Items.Count(e => e.Action == AuditActions.FindingDismissed && e.ActorName == "triager@example.test"));
        var dismissal = log.Items.First(e => e.Action == AuditActions.FindingDismissed);
        Assert.Contains("\"triage\":\"None\"", dismissal.Before, StringComparison.Ordinal);
        Assert.Contains("\"triage\":\"WontFix\"", dismissal.After, StringComparison.Ordinal);
        Assert.Contains(log.Items, e => e.Action == AuditActions.TokenCreated);
        Assert.Contains(log.Items, e => e.Action == AuditActions.TokenRevoked);
        Assert.DoesNotContain(log.Items, e => (e.After ?? "").Contains(token.PlaintextToken, StringComparison.Ordinal));
        var stored = await db.IngestionTokens.SingleAsync(t => t.Id == token.Token.Id);
        Assert.Equal(64, stored.SecretHash.Length);
        Assert.DoesNotContain(token.PlaintextToken, stored.SecretHash + stored.Prefix, StringComparison.Ordinal);

        // The database itself refuses to change or delete entries (triggers), whatever code tries.
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("UPDATE \"AuditLog\" SET \"ActorName\" = 'mallory'"));
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM \"AuditLog\""));
        var entry = await db.AuditLog.FirstAsync();
        entry.ActorName = "mallory";
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        Assert.Equal(log.TotalCount, await portal.Db().AuditLog.CountAsync(e => e.ActorName != "mallory"));
        _ = ids;
    }

    [Theory]
    [MemberData(nameof(BothProviders.All), MemberType = typeof(BothProviders))]
    public async Task Commands_check_the_actors_role_in_the_service_too(DatabaseProvider provider)
    {
        var portal = await providers.Get(provider);
        var run = await portal.IngestAsync("contoso/roles", "r1", [new SyntheticResult("SL0002", "x", "file:///w/roles/A.cs", 1)]);
        await using var db = portal.Db();
        var id = await db.Findings.Where(f => f.RepositoryId == run.RepositoryId).Select(f => f.Id).SingleAsync();
        var dismiss = TriageCommand.Dismiss(DismissReason.FalsePositive, "not a model call");
        await Assert.ThrowsAsync<PortalForbiddenException>(() => portal.WithAsync<ITriageService, TriageOutcome>(s => s.ApplyAsync(id, dismiss, CorePortal.Viewer)));
        await Assert.ThrowsAsync<PortalForbiddenException>(() => portal.WithAsync<IIngestionTokenService, CreatedIngestionToken>(s =>
            s.CreateAsync(new CreateIngestionTokenRequest("x", true, [], null), CorePortal.Triager)));
        await Assert.ThrowsAsync<PortalForbiddenException>(() => portal.WithAsync<IRepositoryService>(s => s.SetDefaultBranchAsync(run.RepositoryId, "dev", CorePortal.Triager)));
        await Assert.ThrowsAsync<PortalValidationException>(() => portal.WithAsync<ITriageService, TriageOutcome>(s =>
            s.ApplyAsync(id, new TriageCommand(TriageAction.Dismiss, "", DismissReason.FalsePositive), CorePortal.Triager)));
        await Assert.ThrowsAsync<PortalValidationException>(() => portal.WithAsync<ITriageService, TriageOutcome>(s =>
            s.ApplyAsync(id, TriageCommand.AcceptRisk("CISO", TestClock.StartUtc.AddDays(-1), "expired already"), CorePortal.Triager)));
        Assert.Equal(TriageStatus.None, (await db.Findings.AsNoTracking().SingleAsync(f => f.Id == id)).Triage);
        Assert.False(await db.AuditLog.AnyAsync(e => e.EntityId == id.ToString()));
    }
}
