using System.Text;
using Microsoft.EntityFrameworkCore;
using ShiftLeft.Portal.Core;
using ShiftLeft.Portal.Core.Data;
using ShiftLeft.Portal.Core.Domain;
using ShiftLeft.Portal.Core.Ingestion;
using ShiftLeft.Portal.Core.Security;
using ShiftLeft.Portal.Core.Services;
using ShiftLeft.Portal.Tests.Infrastructure;

namespace ShiftLeft.Portal.Tests.Core;

/// <summary>Canonical repository names, token scopes, https-only help links and the recent-sign-in rule, on both databases.</summary>
public sealed class IdentifierAndReauthenticationTests(BothProviders providers) : IClassFixture<BothProviders>
{
    [Theory]
    [MemberData(nameof(BothProviders.All), MemberType = typeof(BothProviders))]
    public async Task Names_that_differ_only_in_case_are_one_repository_under_its_first_spelling(DatabaseProvider provider)
    {
        var portal = await providers.Get(provider);
        var first = await portal.IngestAsync("Contoso/Case-Repo", "c1", [new SyntheticResult("SL0001", "m", "file:///w/Case-Repo/A.cs", 1)]);
        var second = await portal.IngestAsync("contoso/case-repo", "c2", [new SyntheticResult("SL0001", "m", "file:///w/case-repo/A.cs", 1)]);
        Assert.Equal(first.RepositoryId, second.RepositoryId);
        Assert.Equal("Contoso/Case-Repo", second.Repository);
        var found = await portal.WithAsync<IRepositoryService, RepositoryDetailDto?>(s => s.GetByNameAsync("CONTOSO/CASE-REPO"));
        Assert.Equal(first.RepositoryId, found?.Id);
        await using var db = portal.Db();
        Assert.Equal(1, await db.Repositories.CountAsync(r => r.CanonicalName == "contoso/case-repo"));
    }

    [Theory]
    [MemberData(nameof(BothProviders.All), MemberType = typeof(BothProviders))]
    public async Task Token_scopes_hold_canonical_names_and_refuse_names_outside_the_grammar(DatabaseProvider provider)
    {
        var portal = await providers.Get(provider);
        var created = await portal.WithAsync<IIngestionTokenService, CreatedIngestionToken>(s =>
            s.CreateAsync(new CreateIngestionTokenRequest("scoped", false, ["Contoso/Scoped", "contoso/SCOPED", "contoso/other"], null), CorePortal.Admin));
        Assert.Equal(["contoso/scoped", "contoso/other"], created.Token.Repositories);
        var invalid = await Assert.ThrowsAsync<PortalValidationException>(() => portal.WithAsync<IIngestionTokenService, CreatedIngestionToken>(s =>
            s.CreateAsync(new CreateIngestionTokenRequest("bad", false, ["contoso/<img src=x>"], null), CorePortal.Admin)));
        Assert.Contains("is not a repository name", invalid.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<PortalValidationException>(() => portal.WithAsync<IIngestionTokenService, CreatedIngestionToken>(s =>
            s.CreateAsync(new CreateIngestionTokenRequest("nul\0name", true, [], null), CorePortal.Admin)));
    }

    [Theory]
    [MemberData(nameof(BothProviders.All), MemberType = typeof(BothProviders))]
    public async Task Only_https_help_links_are_stored(DatabaseProvider provider)
    {
        var portal = await providers.Get(provider);
        var rules = new[] { ("HELP1", "https://docs.example.test/HELP1"), ("HELP2", "http://docs.example.test/HELP2"), ("HELP3", "javascript:alert(1)") };
        var log = "{\"version\":\"2.1.0\",\"runs\":[{\"results\":[" +
                  string.Join(",", rules.Select(r => $"{{\"ruleId\":\"{r.Item1}\",\"message\":{{\"text\":\"m\"}}}}")) +
                  "],\"tool\":{\"driver\":{\"name\":\"t\",\"rules\":[" +
                  string.Join(",", rules.Select(r => $"{{\"id\":\"{r.Item1}\",\"helpUri\":\"{r.Item2}\"}}")) + "]}}}]}";
        await portal.IngestBytesAsync("contoso/help-links", "h1", Encoding.UTF8.GetBytes(log));
        await using var db = portal.Db();
        var stored = await db.Rules.Where(r => r.Id.StartsWith("HELP")).ToDictionaryAsync(r => r.Id, r => r.HelpUri);
        Assert.Equal("https://docs.example.test/HELP1", stored["HELP1"]);
        Assert.Null(stored["HELP2"]);
        Assert.Null(stored["HELP3"]);
    }

    [Theory]
    [MemberData(nameof(BothProviders.All), MemberType = typeof(BothProviders))]
    public async Task Sensitive_admin_commands_refuse_an_admin_without_a_recent_sign_in_and_store_nothing(DatabaseProvider provider)
    {
        var portal = await providers.Get(provider);
        var stale = CorePortal.Admin with { RecentlyAuthenticated = false };
        await Assert.ThrowsAsync<PortalReauthenticationRequiredException>(() => portal.WithAsync<IIngestionTokenService, CreatedIngestionToken>(s =>
            s.CreateAsync(new CreateIngestionTokenRequest("stale", true, [], null), stale)));
        await Assert.ThrowsAsync<PortalReauthenticationRequiredException>(() => portal.WithAsync<IUserAdminService, PortalUserDto>(s =>
            s.CreateAsync("stale-admin@example.test", null, "Correct-Horse-Battery-9", PortalRoles.Admin, stale)));
        var user = await portal.WithAsync<IUserAdminService, PortalUserDto>(s =>
            s.CreateAsync($"fresh-{provider}@example.test", "Fresh", "Correct-Horse-Battery-9", PortalRoles.Viewer, CorePortal.Admin));
        await Assert.ThrowsAsync<PortalReauthenticationRequiredException>(() => portal.WithAsync<IUserAdminService>(s => s.SetRoleAsync(user.Id, PortalRoles.Admin, stale)));
        // Revoking and locking out take power away: no recent sign-in needed.
        await portal.WithAsync<IUserAdminService>(s => s.SetLockedOutAsync(user.Id, true, stale));

        await using var db = portal.Db();
        Assert.False(await db.IngestionTokens.AnyAsync(t => t.Name == "stale"));
        Assert.False(await db.Users.AnyAsync(u => u.UserName == "stale-admin@example.test"));
        Assert.Equal([PortalRoles.Viewer], (await portal.WithAsync<IUserAdminService, IReadOnlyList<PortalUserDto>>(s => s.ListAsync())).Single(u => u.Id == user.Id).Roles);
    }
}
