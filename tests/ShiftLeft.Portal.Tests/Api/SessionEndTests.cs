using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ShiftLeft.Portal.Core;
using ShiftLeft.Portal.Core.Services;
using ShiftLeft.Portal.Tests.Infrastructure;

namespace ShiftLeft.Portal.Tests.Api;

/// <summary>
/// A session holds no power the store no longer grants: a demoted or locked-out person's open session loses it on the
/// next request, and signing out ends every copy of the cookie — the answer to a stolen or left-open admin session.
/// </summary>
public sealed class SessionEndTests
{
    [Theory]
    [MemberData(nameof(BothProviders.All), MemberType = typeof(BothProviders))]
    public async Task A_demoted_admin_loses_the_power_on_the_next_request_and_a_locked_out_one_loses_the_session(DatabaseProvider provider)
    {
        await using var server = await PortalServer.StartAsync(provider);
        using var ada = await server.ClientAsync("admin");
        using (var created = await ada.PostAsJsonAsync("/api/v1/admin/users", new { email = "eve@example.test", password = PortalServer.Password, role = "admin" }))
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var eveId = await server.WithAsync(async s => (await s.GetRequiredService<IUserAdminService>().ListAsync()).Single(u => u.UserName == "eve@example.test").Id);
        using var eve = await server.ClientAsync("eve");
        Assert.Equal(HttpStatusCode.OK, (await eve.GetAsync("/api/v1/admin/tokens")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await ada.PutAsJsonAsync($"/api/v1/admin/users/{eveId}/role", new { role = "viewer" })).StatusCode);
        using (var backdoor = await eve.PostAsJsonAsync("/api/v1/admin/users", new { email = "backdoor@example.test", password = PortalServer.Password, role = "admin" }))
            Assert.Equal(HttpStatusCode.Forbidden, backdoor.StatusCode);
        using (var token = await eve.PostAsJsonAsync("/api/v1/admin/tokens", new { name = "ci", allRepositories = true, repositories = Array.Empty<string>() }))
            Assert.Equal(HttpStatusCode.Forbidden, token.StatusCode);
        // Still a viewer: reading works.
        Assert.Equal(HttpStatusCode.OK, (await eve.GetAsync("/api/v1/overview")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await ada.PutAsJsonAsync($"/api/v1/admin/users/{eveId}/lockout", new { lockedOut = true })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await eve.GetAsync("/api/v1/overview")).StatusCode);
        Assert.DoesNotContain(await server.WithAsync(s => s.GetRequiredService<IUserAdminService>().ListAsync()), u => u.UserName == "backdoor@example.test");
    }

    [Theory]
    [MemberData(nameof(BothProviders.All), MemberType = typeof(BothProviders))]
    public async Task Signing_out_ends_every_copy_of_the_session(DatabaseProvider provider)
    {
        await using var server = await PortalServer.StartAsync(provider);
        var jar = new CookieContainer();
        using var viewer = new HttpClient(new HttpClientHandler { CookieContainer = jar, AllowAutoRedirect = false }) { BaseAddress = server.Address };
        Assert.Equal(HttpStatusCode.NoContent, (await viewer.PostAsJsonAsync("/api/v1/session", new { email = "viewer@example.test", password = PortalServer.Password })).StatusCode);
        using var copy = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = server.Address };
        copy.DefaultRequestHeaders.Add("Cookie", jar.GetCookieHeader(server.Address));
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync("/api/v1/overview")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await viewer.DeleteAsync("/api/v1/session")).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await copy.GetAsync("/api/v1/overview")).StatusCode);
        // Signing in again opens a new session.
        using var again = await server.ClientAsync("viewer");
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/api/v1/overview")).StatusCode);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"triage":null}""")]
    [InlineData("""{"findingIds":[1]}""")]
    public async Task Bulk_triage_without_a_decision_is_a_400_naming_it(string body)
    {
        await using var server = await PortalServer.StartAsync(DatabaseProvider.Sqlite);
        using var triager = await server.ClientAsync("triager");
        using var response = await triager.PostAsync("/api/v1/findings/triage?repositoryId=1", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text}");
        using var problem = JsonDocument.Parse(text);
        Assert.Equal("urn:shiftleft:problem:invalid-request", problem.RootElement.GetProperty("type").GetString());
        Assert.Contains("'triage'", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
