using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ShiftLeft.Portal.Core;
using ShiftLeft.Portal.Core.Services;
using ShiftLeft.Portal.Tests.Infrastructure;

namespace ShiftLeft.Portal.Tests.Api;

/// <summary>
/// The re-authentication rule over the API, on a portal whose clock the test moves: creating a user or admin, changing
/// a role and creating a token need a sign-in within 15 minutes; other admin commands do not; signing in again
/// restores the right; the audit log records the API channel and the client's address.
/// </summary>
public sealed class ReauthenticationTests : IAsyncLifetime
{
    private readonly ManualClock clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private PortalServer server = null!;

    public async Task InitializeAsync() => server = await PortalServer.StartAsync(DatabaseProvider.Sqlite, clock: clock);

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task Sensitive_admin_commands_need_a_sign_in_within_fifteen_minutes()
    {
        using var admin = await server.ClientAsync("admin");
        var viewerId = await server.WithAsync(async s => (await s.GetRequiredService<IUserAdminService>().ListAsync()).Single(u => u.UserName == "viewer@example.test").Id);
        object Token() => new { name = "ci", allRepositories = true, repositories = Array.Empty<string>(), expiresAt = clock.GetUtcNow().UtcDateTime.AddDays(30) };
        var users = 0;
        object User() => new { email = $"person{++users}@example.test", password = PortalServer.Password, role = "admin" };

        clock.Advance(TimeSpan.FromMinutes(14));
        using (var created = await admin.PostAsJsonAsync("/api/v1/admin/tokens", Token())) Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using (var created = await admin.PostAsJsonAsync("/api/v1/admin/users", User())) Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        clock.Advance(TimeSpan.FromMinutes(2));
        await AssertReauthenticationRequiredAsync(await admin.PostAsJsonAsync("/api/v1/admin/tokens", Token()));
        await AssertReauthenticationRequiredAsync(await admin.PostAsJsonAsync("/api/v1/admin/users", User()));
        await AssertReauthenticationRequiredAsync(await admin.PutAsJsonAsync($"/api/v1/admin/users/{viewerId}/role", new { role = "admin" }));
        // Reading, revoking and locking out stay open to the session: they hand out no power. Unlocking gives access back.
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/admin/tokens")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PutAsJsonAsync($"/api/v1/admin/users/{viewerId}/lockout", new { lockedOut = true })).StatusCode);
        await AssertReauthenticationRequiredAsync(await admin.PutAsJsonAsync($"/api/v1/admin/users/{viewerId}/lockout", new { lockedOut = false }));
        Assert.True((await server.WithAsync(s => s.GetRequiredService<IUserAdminService>().ListAsync())).Single(u => u.Id == viewerId).IsLockedOut);
        // The refused commands stored nothing.
        Assert.Equal(1, await server.WithAsync(async s => (await s.GetRequiredService<IIngestionTokenService>().ListAsync()).Count(t => t.Name == "ci")));
        Assert.DoesNotContain(await server.WithAsync(s => s.GetRequiredService<IUserAdminService>().ListAsync()), u => u.UserName == "person2@example.test");
        Assert.Equal(["viewer"], (await server.WithAsync(s => s.GetRequiredService<IUserAdminService>().ListAsync())).Single(u => u.Id == viewerId).Roles);

        // Signing in again (the same cookie jar) makes the session recent.
        using (var again = await admin.PostAsJsonAsync("/api/v1/session", new { email = "admin@example.test", password = PortalServer.Password }))
            Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
        using (var created = await admin.PostAsJsonAsync("/api/v1/admin/tokens", Token())) Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PutAsJsonAsync($"/api/v1/admin/users/{viewerId}/role", new { role = "triager" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PutAsJsonAsync($"/api/v1/admin/users/{viewerId}/lockout", new { lockedOut = false })).StatusCode);

        var entries = await server.WithAsync(s => s.GetRequiredService<IAuditLogService>().ListAsync(new AuditLogQuery(Action: "token.created")));
        Assert.Equal(2, entries.TotalCount);
        Assert.All(entries.Items, e =>
        {
            Assert.Equal("API", e.Channel);
            Assert.Equal("127.0.0.1", e.ClientAddress);
        });
    }

    private static async Task AssertReauthenticationRequiredAsync(HttpResponseMessage response)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{(int)response.StatusCode}: {text}");
            using var problem = JsonDocument.Parse(text);
            Assert.Equal("urn:shiftleft:problem:reauthentication-required", problem.RootElement.GetProperty("type").GetString());
            Assert.Contains("POST /api/v1/session", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }
}
