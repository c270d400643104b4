using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ShiftLeft.Portal.Core;
using ShiftLeft.Portal.Core.Domain;
using ShiftLeft.Portal.Core.Security;
using ShiftLeft.Portal.Core.Services;
using ShiftLeft.Portal.Tests.Infrastructure;

namespace ShiftLeft.Portal.Tests.Api;

/// <summary>PUT /api/v1/admin/users/{id}/lockout says what it does: a body without <c>lockedOut</c> is refused, never read as "unlock".</summary>
public sealed class LockoutRequestTests(BothServers servers) : IClassFixture<BothServers>
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "{}")]
    [InlineData(DatabaseProvider.Sqlite, """{"locked":true}""")]
    [InlineData(DatabaseProvider.PostgreSQL, "{}")]
    [InlineData(DatabaseProvider.PostgreSQL, """{"lockedout ":true}""")]
    public async Task A_lockout_body_without_lockedOut_is_a_400_naming_it_and_changes_nothing(DatabaseProvider provider, string body)
    {
        var server = await servers.Get(provider);
        using var admin = await server.ClientAsync("admin");
        var user = await server.WithAsync(async s => await s.GetRequiredService<IUserAdminService>().CreateAsync(
            $"lock-{Guid.NewGuid():N}@example.test", null, PortalServer.Password, PortalRoles.Viewer, CorePortal.Admin));
        await server.WithAsync(async s =>
        {
            await s.GetRequiredService<IUserAdminService>().SetLockedOutAsync(user.Id, true, CorePortal.Admin);
            return true;
        });

        using var response = await admin.PutAsync($"/api/v1/admin/users/{user.Id}/lockout", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text}");
        using var problem = JsonDocument.Parse(text);
        Assert.Equal("urn:shiftleft:problem:invalid-request", problem.RootElement.GetProperty("type").GetString());
        Assert.Contains("'lockedOut'", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);

        Assert.True((await server.WithAsync(s => s.GetRequiredService<IUserAdminService>().ListAsync())).Single(u => u.Id == user.Id).IsLockedOut);
        var unlocks = await server.WithAsync(s => s.GetRequiredService<IAuditLogService>().ListAsync(new AuditLogQuery(Action: AuditActions.UserUnlocked, EntityId: user.Id)));
        Assert.Equal(0, unlocks.TotalCount);

        using var unlock = await admin.PutAsJsonAsync($"/api/v1/admin/users/{user.Id}/lockout", new { lockedOut = false });
        Assert.Equal(HttpStatusCode.NoContent, unlock.StatusCode);
        Assert.False((await server.WithAsync(s => s.GetRequiredService<IUserAdminService>().ListAsync())).Single(u => u.Id == user.Id).IsLockedOut);
    }
}
