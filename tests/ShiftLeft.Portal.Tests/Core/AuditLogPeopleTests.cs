using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using ShiftLeft.Portal.Core;
using ShiftLeft.Portal.Core.Domain;
using ShiftLeft.Portal.Core.Security;
using ShiftLeft.Portal.Core.Services;
using ShiftLeft.Portal.Tests.Infrastructure;

namespace ShiftLeft.Portal.Tests.Core;

/// <summary>The audit log names people by display name and e-mail, and each account command by what it did.</summary>
public sealed class AuditLogPeopleTests(BothProviders providers) : IClassFixture<BothProviders>
{
    [Theory]
    [MemberData(nameof(BothProviders.All), MemberType = typeof(BothProviders))]
    public async Task Lock_and_unlock_are_logged_as_such_with_the_people_by_name_and_e_mail(DatabaseProvider provider)
    {
        var portal = await providers.Get(provider);
        var admin = await CreateAdminAsync(portal, "ada@" + provider + ".test", "Ada Admin");
        var user = await portal.WithAsync<IUserAdminService, PortalUserDto>(s =>
            s.CreateAsync("tess@" + provider + ".test", "Tess Triager", PortalServer.Password, PortalRoles.Triager, admin));
        await portal.WithAsync<IUserAdminService>(s => s.SetLockedOutAsync(user.Id, true, admin));
        await portal.WithAsync<IUserAdminService>(s => s.SetLockedOutAsync(user.Id, false, admin));

        var entries = (await portal.WithAsync<IAuditLogService, PagedResult<AuditLogEntryDto>>(s =>
            s.ListAsync(new AuditLogQuery(EntityType: "user", EntityId: user.Id)))).Items;
        Assert.Equal([AuditActions.UserUnlocked, AuditActions.UserLockedOut, AuditActions.UserCreated], entries.Select(e => e.Action));
        Assert.All(entries, e =>
        {
            Assert.Equal($"Ada Admin <ada@{provider}.test>", e.Actor);
            Assert.Equal($"Tess Triager <tess@{provider}.test>", e.Entity);
        });
    }

    [Theory]
    [MemberData(nameof(BothProviders.All), MemberType = typeof(BothProviders))]
    public async Task An_actor_without_an_account_keeps_the_name_recorded_at_the_time(DatabaseProvider provider)
    {
        var portal = await providers.Get(provider);
        var run = await portal.IngestAsync("contoso/audit-people", "p1", [new SyntheticResult("SL0001", "m", "file:///w/audit-people/A.cs", 4)]);
        await portal.WithAsync<ITriageService, BulkTriageOutcome>(s =>
            s.ApplyToFilterAsync(new FindingFilter { RepositoryId = run.RepositoryId }, TriageCommand.Dismiss(DismissReason.WontFix, "legacy"), CorePortal.Triager));
        var entry = (await portal.WithAsync<IAuditLogService, PagedResult<AuditLogEntryDto>>(s =>
            s.ListAsync(new AuditLogQuery(Action: AuditActions.FindingDismissed)))).Items.First();
        Assert.Equal("triager@example.test", entry.Actor);
        Assert.Null(entry.Entity);
    }

    [Fact]
    public void A_person_is_described_by_what_is_known()
    {
        Assert.Equal("Ada <a@x.test>", AuditPeople.Describe("Ada", "a@x.test"));
        Assert.Equal("a@x.test", AuditPeople.Describe(null, "a@x.test"));
        Assert.Equal("Ada", AuditPeople.Describe("Ada", " "));
        Assert.Equal("unknown user", AuditPeople.Describe(null, null));
    }

    private static async Task<PortalActor> CreateAdminAsync(CorePortal portal, string email, string displayName)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = new PortalUser { UserName = email, Email = email, DisplayName = displayName, EmailConfirmed = true };
        Assert.True((await users.CreateAsync(user, PortalServer.Password)).Succeeded);
        await users.AddToRoleAsync(user, PortalRoles.Admin);
        return new PortalActor(user.Id, email, [PortalRoles.Admin]) { RecentlyAuthenticated = true };
    }
}
