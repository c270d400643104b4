using System.Net;
using System.Globalization;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using ShiftLeft.Portal.Core;
using ShiftLeft.Portal.Core.Services;
using ShiftLeft.Portal.Tests.Infrastructure;

namespace ShiftLeft.Portal.Tests.Api;

/// <summary>
/// What people send besides uploads - filters in URLs, sign-in and admin bodies - holding NUL and other control
/// characters or overlong values: a 4xx on both databases, never the 500 a NUL used to cause on PostgreSQL.
/// </summary>
public sealed class HostileRequestTests(BothServers servers) : IClassFixture<BothServers>
{
    public static TheoryData<DatabaseProvider, string> Requests()
    {
        var data = new TheoryData<DatabaseProvider, string>();
        foreach (var provider in new[] { DatabaseProvider.Sqlite, DatabaseProvider.PostgreSQL })
        foreach (var name in Cases.Keys)
            data.Add(provider, name);
        return data;
    }

    /// <summary>name → (method, path, JSON body or null, expected status).</summary>
    private static readonly Dictionary<string, (HttpMethod Method, string Path, object? Body, int Status)> Cases = new()
    {
        ["findings filtered by a path with NUL"] = (HttpMethod.Get, "/api/v1/findings?path=%00", null, 400),
        ["findings filtered by a branch with NUL"] = (HttpMethod.Get, "/api/v1/findings?branch=a%00", null, 400),
        ["findings filtered by a rule with NUL"] = (HttpMethod.Get, "/api/v1/findings?rule=SL%000001", null, 400),
        ["findings filtered by an OWASP category with a line feed"] = (HttpMethod.Get, "/api/v1/findings?owasp=LLM01%0A", null, 400),
        ["export filtered by a path with NUL"] = (HttpMethod.Get, "/api/v1/exports/findings?format=csv&path=%00", null, 400),
        ["repository search with NUL"] = (HttpMethod.Get, "/api/v1/repositories?search=%00", null, 400),
        ["AI-system search with NUL"] = (HttpMethod.Get, "/api/v1/ai-systems?search=%00&riskTier=%00", null, 400),
        ["audit log filtered by an actor with NUL"] = (HttpMethod.Get, "/api/v1/admin/audit-log?actor=%00&action=%00&entityId=%00", null, 400),
        ["a user id with NUL in the path (Kestrel refuses it)"] = (HttpMethod.Put, "/api/v1/admin/users/a%00b/role", new { role = "viewer" }, 400),
        ["a query key with NUL"] = (HttpMethod.Get, "/api/v1/overview?%00=1", null, 400),
        ["sign-in with NUL in the e-mail"] = (HttpMethod.Post, "/api/v1/session", new { email = "admin\0@example.test", password = PortalServer.Password }, 401),
        ["setup with NUL in the e-mail"] = (HttpMethod.Post, "/api/v1/setup", new { code = "x\0y", email = "a\0b@example.test", password = PortalServer.Password }, 400),
        ["a user with NUL in the e-mail"] = (HttpMethod.Post, "/api/v1/admin/users", new { email = "a\0b@example.test", password = PortalServer.Password, role = "viewer" }, 400),
        ["a user with NUL in the display name"] = (HttpMethod.Post, "/api/v1/admin/users", new { email = "dn@example.test", displayName = "a\0b", password = PortalServer.Password, role = "viewer" }, 400),
        ["a token with NUL in the name"] = (HttpMethod.Post, "/api/v1/admin/tokens", new { name = "a\0b", allRepositories = true }, 400),
        ["a token scoped to a repository with NUL"] = (HttpMethod.Post, "/api/v1/admin/tokens", new { name = "n", allRepositories = false, repositories = new[] { "a\0b" } }, 400),
        ["a default branch with NUL"] = (HttpMethod.Put, "/api/v1/admin/repositories/{repository}/default-branch", new { branch = "main\0" }, 400),
        ["a triage comment with NUL"] = (HttpMethod.Post, "/api/v1/findings/{finding}/triage", new { action = "Dismiss", reason = "WontFix", comment = "a\0b" }, 400),
        ["an approver longer than its column"] = (HttpMethod.Post, "/api/v1/findings/{finding}/triage",
            new { action = "AcceptRisk", approvedBy = new string('a', 300), expiresAt = TestClock.StartUtc.AddDays(30), comment = "c" }, 400),
        ["an approver with a line feed"] = (HttpMethod.Post, "/api/v1/findings/{finding}/triage",
            new { action = "AcceptRisk", approvedBy = "CISO\nand friends", expiresAt = TestClock.StartUtc.AddDays(30), comment = "c" }, 400),
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task Control_characters_and_overlong_values_are_a_client_error(DatabaseProvider provider, string name)
    {
        var server = await servers.Get(provider);
        var repository = "contoso/hostile-requests";
        using (var uploader = server.TokenClient(await server.CreateTokenAsync(allRepositories: true)))
            await uploader.PostAsync(Uploads.Query(repository, "c1"), Uploads.Json(SyntheticSarif.ToBytes([new SyntheticResult("SL0001", "m", "file:///w/r/A.cs", 1)])));
        var (repositoryId, findingId) = await server.WithAsync(async services =>
        {
            var detail = (await services.GetRequiredService<IRepositoryService>().GetByNameAsync(repository))!;
            var findings = await services.GetRequiredService<IFindingQueryService>().SearchAsync(new FindingFilter { RepositoryId = detail.Id }, new FindingPageRequest());
            return (detail.Id, findings.Items.First().Id);
        });

        var (method, path, body, status) = Cases[name];
        using var admin = await server.ClientAsync(path.Contains("/session", StringComparison.Ordinal) || path.Contains("/setup", StringComparison.Ordinal) ? null : "admin");
        using var request = new HttpRequestMessage(method, path.Replace("{repository}", repositoryId.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{finding}", findingId.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal))
        {
            Content = body is null ? null : JsonContent.Create(body),
        };
        using var response = await admin.SendAsync(request);
        Assert.True(status == (int)response.StatusCode, $"{name}: expected {status}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        // Kestrel itself refuses a NUL in the path, before the portal sees the request, with a bare 400.
        if (response.Content.Headers.ContentLength != 0) Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/openapi/v1.json")).StatusCode);
    }
}
