using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using ShiftLeft.Portal.Core;
using ShiftLeft.Portal.Core.Domain;
using ShiftLeft.Portal.Core.Services;
using ShiftLeft.Portal.Tests.Infrastructure;

namespace ShiftLeft.Portal.Tests.Api;

/// <summary>
/// Every endpoint of /openapi/v1.json × every kind of caller (anonymous, a bogus token, a revoked token, a valid ingestion
/// token, a signed-in user without a role, viewer, triager, admin) over real HTTP, on both providers. The table below
/// is the authorization design: an endpoint the OpenAPI document lists without a row fails the test, and so does a row
/// for an endpoint the document no longer lists.
/// </summary>
public sealed class AuthorizationMatrixTests(BothServers servers) : IClassFixture<BothServers>
{
    /// <summary>Who may call an endpoint. <see cref="Anyone"/> endpoints answer every caller the same (their row says with what).</summary>
    private enum Access { Anyone, Token, Viewer, Triager, Admin }

    /// <param name="Template">The path as the OpenAPI document writes it.</param>
    /// <param name="Path">A concrete request path.</param>
    /// <param name="Anyone">For <see cref="Access.Anyone"/>: the status every caller gets.</param>
    private sealed record Row(HttpMethod Method, string Template, string Path, Access Access, Func<HttpContent?>? Body = null, int? Anyone = null);

    private static readonly string[] Callers = ["anonymous", "bogus-token", "revoked-token", "token", "norole", "viewer", "triager", "admin"];

    [Theory]
    [MemberData(nameof(BothProviders.All), MemberType = typeof(BothProviders))]
    public async Task Every_endpoint_admits_exactly_the_callers_it_should(DatabaseProvider provider)
    {
        var server = await servers.Get(provider);
        var repo = "contoso/matrix-" + provider;
        var allToken = await server.CreateTokenAsync(allRepositories: true);
        using (var uploader = server.TokenClient(allToken))
        {
            var upload = await uploader.PostAsync("/api/v1/runs", Uploads.Multipart(repo, "m1",
                SyntheticSarif.ToBytes([new SyntheticResult("SL0003", "Email logged", $"file:///w/matrix-{provider}/A.cs", 4)]),
                File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", "evidence.json"))));
            Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        }

        var revokedToken = await server.CreateTokenAsync(allRepositories: true);
        var (repoId, findingId, systemId, runId, viewerId, noroleId, spareToken) = await server.WithAsync(async services =>
        {
            var repository = (await services.GetRequiredService<IRepositoryService>().GetByNameAsync(repo))!;
            var finding = (await services.GetRequiredService<IFindingQueryService>().SearchAsync(new FindingFilter { RepositoryId = repository.Id }, new FindingPageRequest())).Items.Single();
            var run = (await services.GetRequiredService<IRepositoryService>().ListRunsAsync(repository.Id)).Items.Single();
            var users = services.GetRequiredService<UserManager<PortalUser>>();
            var tokens = services.GetRequiredService<IIngestionTokenService>();
            var spare = await tokens.CreateAsync(new CreateIngestionTokenRequest("spare", true, [], null), CorePortal.Admin);
            var revoked = (await tokens.ListAsync()).First(t => revokedToken.StartsWith("slt_" + t.Prefix + "_", StringComparison.Ordinal));
            await tokens.RevokeAsync(revoked.Id, CorePortal.Admin);
            return (repository.Id, finding.Id, repository.AiSystems.Single().Id, run.Id, (await users.FindByNameAsync("viewer@example.test"))!.Id,
                (await users.FindByNameAsync("norole@example.test"))!.Id, spare.Token.Id);
        });

        var counter = 0;
        HttpContent Json(object value) => JsonContent.Create(value);
        HttpContent Sarif() => Uploads.Multipart(repo, "m2", SyntheticSarif.ToBytes([new SyntheticResult("SL0001", "m", "file:///w/x/A.cs", 1)]),
            buildId: "matrix-" + Interlocked.Increment(ref counter));
        var rows = new List<Row>
        {
            new(HttpMethod.Post, "/api/v1/runs", "/api/v1/runs", Access.Token, Sarif),
            new(HttpMethod.Get, "/api/v1/runs/{id}", $"/api/v1/runs/{runId}", Access.Viewer),
            new(HttpMethod.Get, "/api/v1/overview", "/api/v1/overview", Access.Viewer),
            new(HttpMethod.Get, "/api/v1/repositories", "/api/v1/repositories?search=matrix", Access.Viewer),
            new(HttpMethod.Get, "/api/v1/repositories/{id}", $"/api/v1/repositories/{repoId}", Access.Viewer),
            new(HttpMethod.Get, "/api/v1/repositories/{id}/runs", $"/api/v1/repositories/{repoId}/runs", Access.Viewer),
            new(HttpMethod.Get, "/api/v1/findings", $"/api/v1/findings?repositoryId={repoId}&severity=Warning", Access.Viewer),
            new(HttpMethod.Get, "/api/v1/findings/{id}", $"/api/v1/findings/{findingId}", Access.Viewer),
            new(HttpMethod.Get, "/api/v1/ai-systems", "/api/v1/ai-systems", Access.Viewer),
            new(HttpMethod.Get, "/api/v1/ai-systems/{id}", $"/api/v1/ai-systems/{systemId}", Access.Viewer),
            new(HttpMethod.Get, "/api/v1/exports/findings", $"/api/v1/exports/findings?format=sarif&repositoryId={repoId}", Access.Viewer),
            new(HttpMethod.Get, "/api/v1/exports/ai-systems/{id}/audit-package", $"/api/v1/exports/ai-systems/{systemId}/audit-package", Access.Viewer),
            new(HttpMethod.Post, "/api/v1/findings/{id}/triage", $"/api/v1/findings/{findingId}/triage", Access.Triager, () => Json(new { action = "Reopen", comment = "matrix" })),
            new(HttpMethod.Post, "/api/v1/findings/triage", "/api/v1/findings/triage", Access.Triager, () => Json(new { findingIds = new[] { findingId }, triage = new { action = "Reopen" } })),
            new(HttpMethod.Get, "/api/v1/admin/tokens", "/api/v1/admin/tokens", Access.Admin),
            new(HttpMethod.Post, "/api/v1/admin/tokens", "/api/v1/admin/tokens", Access.Admin,
                () => Json(new { name = "m", allRepositories = false, repositories = new[] { repo }, expiresAt = TestClock.StartUtc.AddDays(1) })),
            new(HttpMethod.Delete, "/api/v1/admin/tokens/{id}", $"/api/v1/admin/tokens/{spareToken}", Access.Admin),
            new(HttpMethod.Get, "/api/v1/admin/tokens/{id}/uses", $"/api/v1/admin/tokens/{spareToken}/uses", Access.Admin),
            new(HttpMethod.Get, "/api/v1/admin/audit-log", "/api/v1/admin/audit-log", Access.Admin),
            new(HttpMethod.Get, "/api/v1/admin/users", "/api/v1/admin/users", Access.Admin),
            new(HttpMethod.Post, "/api/v1/admin/users", "/api/v1/admin/users", Access.Admin,
                () => Json(new { email = $"new{Interlocked.Increment(ref counter)}-{provider}@example.test", password = PortalServer.Password, role = "viewer" })),
            new(HttpMethod.Put, "/api/v1/admin/users/{id}/role", $"/api/v1/admin/users/{viewerId}/role", Access.Admin, () => Json(new { role = "viewer" })),
            new(HttpMethod.Put, "/api/v1/admin/users/{id}/lockout", $"/api/v1/admin/users/{noroleId}/lockout", Access.Admin, () => Json(new { lockedOut = false })),
            new(HttpMethod.Put, "/api/v1/admin/repositories/{id}/default-branch", $"/api/v1/admin/repositories/{repoId}/default-branch", Access.Admin,
                () => Json(new { branch = "main" })),
            // Open to anyone by design: sign-in (a wrong password is 401 for everybody) and the first-admin setup (an admin exists: 400).
            new(HttpMethod.Post, "/api/v1/session", "/api/v1/session", Access.Anyone, () => Json(new { email = "nobody@example.test", password = "wrong" }), Anyone: 401),
            new(HttpMethod.Post, "/api/v1/setup", "/api/v1/setup", Access.Anyone,
                () => Json(new { code = "not-a-code", email = "x@example.test", password = PortalServer.Password }), Anyone: 400),
            // Signing out signs the caller out: last.
            new(HttpMethod.Delete, "/api/v1/session", "/api/v1/session", Access.Anyone, Anyone: 204),
        };

        using (var anonymous = await server.ClientAsync())
        {
            var document = JsonDocument.Parse(await anonymous.GetStringAsync("/openapi/v1.json"));
            var described = document.RootElement.GetProperty("paths").EnumerateObject()
                .SelectMany(p => p.Value.EnumerateObject().Select(m => $"{m.Name.ToUpperInvariant()} {p.Name}"))
                .ToHashSet(StringComparer.Ordinal);
            var tabled = rows.Select(r => $"{r.Method.Method} {r.Template}").ToHashSet(StringComparer.Ordinal);
            Assert.True(described.Except(tabled).ToList() is { Count: 0 }, "Endpoints without a row in the authorization table: " + string.Join(", ", described.Except(tabled)));
            Assert.True(tabled.Except(described).ToList() is { Count: 0 }, "Rows for endpoints the OpenAPI document does not list: " + string.Join(", ", tabled.Except(described)));
        }

        var clients = new Dictionary<string, HttpClient>();
        foreach (var caller in Callers)
        {
            clients[caller] = caller switch
            {
                "anonymous" => await server.ClientAsync(),
                "bogus-token" => server.TokenClient("slt_bogus0000_" + new string('x', 43)),
                "revoked-token" => server.TokenClient(revokedToken),
                "token" => server.TokenClient(allToken),
                _ => await server.ClientAsync(caller),
            };
        }

        // Signed-in users by role; the token callers and anonymous are not signed in (401 wherever a role is needed).
        var roles = new Dictionary<string, Access?> { ["norole"] = null, ["viewer"] = Access.Viewer, ["triager"] = Access.Triager, ["admin"] = Access.Admin };
        int? Denied(Access access, string caller)
        {
            if (access == Access.Anyone) return null;
            if (access == Access.Token) return caller == "token" ? null : 401;
            if (!roles.TryGetValue(caller, out var role)) return 401;
            return role is { } held && held >= access ? null : 403;
        }

        var failures = new List<string>();
        foreach (var row in rows)
        {
            foreach (var caller in Callers)
            {
                using var request = new HttpRequestMessage(row.Method, row.Path) { Content = row.Body?.Invoke() };
                using var response = await clients[caller].SendAsync(request);
                var status = (int)response.StatusCode;
                var denied = Denied(row.Access, caller);
                var ok = row.Anyone is { } same ? status == same : denied is { } d ? status == d : status is >= 200 and < 300;
                if (!ok)
                    failures.Add($"{row.Method} {row.Path} as {caller}: {status}, expected {(row.Anyone ?? denied)?.ToString() ?? "2xx"} — {await response.Content.ReadAsStringAsync()}");
            }
        }

        foreach (var client in clients.Values) client.Dispose();
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Theory]
    [MemberData(nameof(BothProviders.All), MemberType = typeof(BothProviders))]
    public async Task Ingestion_tokens_write_only_inside_their_scope_and_every_use_is_recorded(DatabaseProvider provider)
    {
        var server = await servers.Get(provider);
        var repoA = $"contoso/scope-a-{provider}";
        var repoB = $"contoso/scope-b-{provider}";
        var scoped = await server.CreateTokenAsync(false, repoA);
        var sarif = SyntheticSarif.ToBytes([new SyntheticResult("SL0001", "m", "file:///w/x/A.cs", 1)]);

        using var tokenA = server.TokenClient(scoped);
        using (var own = await tokenA.PostAsync(Uploads.Query(repoA, "s1"), Uploads.Json(sarif))) Assert.Equal(HttpStatusCode.Created, own.StatusCode);
        using (var replay = await tokenA.PostAsync(Uploads.Query(repoA, "s1"), Uploads.Json(sarif))) Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        // The scope compares canonical names: the same repository spelled in another case is inside it, and is the same repository.
        using (var shouted = await tokenA.PostAsync(Uploads.Query(repoA.ToUpperInvariant(), "s1b"), Uploads.Json(sarif)))
        {
            Assert.Equal(HttpStatusCode.Created, shouted.StatusCode);
            using var answer = JsonDocument.Parse(await shouted.Content.ReadAsStringAsync());
            Assert.Equal(repoA, answer.RootElement.GetProperty("repository").GetString());
        }
        using (var other = await tokenA.PostAsync(Uploads.Query(repoB, "s1"), Uploads.Json(sarif)))
        {
            Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
            Assert.Contains(repoB, await other.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var viewer = await server.ClientAsync("admin"))
        using (var cookieUpload = await viewer.PostAsync(Uploads.Query(repoA, "s2"), Uploads.Json(sarif)))
            Assert.Equal(HttpStatusCode.Unauthorized, cookieUpload.StatusCode);
        using (var forged = server.TokenClient(scoped[..^2] + "xx"))
        using (var response = await forged.PostAsync(Uploads.Query(repoA, "s3"), Uploads.Json(sarif)))
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);

        var (tokenId, uses) = await server.WithAsync(async services =>
        {
            var tokens = services.GetRequiredService<IIngestionTokenService>();
            var token = (await tokens.ListAsync()).First(t => t.Repositories.Contains(RepositoryNames.Canonical(repoA)));
            await tokens.RevokeAsync(token.Id, CorePortal.Admin);
            return (token.Id, await tokens.ListUsesAsync(token.Id));
        });
        Assert.Equal([TokenUseOutcome.Forbidden, TokenUseOutcome.Accepted, TokenUseOutcome.Accepted, TokenUseOutcome.Accepted], uses.Select(u => u.Outcome));

        using (var revoked = await tokenA.PostAsync(Uploads.Query(repoA, "s4"), Uploads.Json(sarif)))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);
            Assert.Contains("revoked", await revoked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var after = await server.WithAsync(services => services.GetRequiredService<IIngestionTokenService>().ListUsesAsync(tokenId));
        Assert.Equal(TokenUseOutcome.Rejected, after[0].Outcome);
        _ = Encoding.UTF8;
    }
}
