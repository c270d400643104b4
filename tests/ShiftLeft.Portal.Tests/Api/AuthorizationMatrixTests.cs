using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using ShiftLeft.Portal.Core;
using ShiftLeft.Portal.Core.Domain;
using ShiftLeft.Portal.Core.Services;
using ShiftLeft.Portal.Tests.Infrastructure;

namespace ShiftLeft.Portal.Tests.Api;

/// <summary>Every endpoint × every kind of caller (anonymous, no role, viewer, triager, admin, ingestion tokens) over real HTTP, on both providers.</summary>
public sealed class AuthorizationMatrixTests(BothServers servers) : IClassFixture<BothServers>
{
    private enum Need { Anyone, Viewer, Triager, Admin }

    private sealed record Endpoint(HttpMethod Method, string Path, Need Need, Func<HttpContent?>? Body = null);

    private static readonly string[] Callers = ["anonymous", "norole", "viewer", "triager", "admin", "token"];

    [Theory]
    [MemberData(nameof(BothProviders.All), MemberType = typeof(BothProviders))]
    public async Task Every_endpoint_admits_exactly_the_roles_it_should(DatabaseProvider provider)
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

        var (repoId, findingId, systemId, runId, viewerId, noroleId, spareToken) = await server.WithAsync(async services =>
        {
            var repository = (await services.GetRequiredService<IRepositoryService>().GetByNameAsync(repo))!;
            var finding = (await services.GetRequiredService<IFindingQueryService>().SearchAsync(new FindingFilter { RepositoryId = repository.Id }, new FindingPageRequest())).Items.Single();
            var run = (await services.GetRequiredService<IRepositoryService>().ListRunsAsync(repository.Id)).Items.Single();
            var users = services.GetRequiredService<UserManager<PortalUser>>();
            var spare = await services.GetRequiredService<IIngestionTokenService>().CreateAsync(new CreateIngestionTokenRequest("spare", true, [], null), CorePortal.Admin);
            return (repository.Id, finding.Id, repository.AiSystems.Single().Id, run.Id, (await users.FindByNameAsync("viewer@example.test"))!.Id,
                (await users.FindByNameAsync("norole@example.test"))!.Id, spare.Token.Id);
        });

        var counter = 0;
        HttpContent Json(object value) => JsonContent.Create(value);
        var endpoints = new List<Endpoint>
        {
            new(HttpMethod.Get, "/openapi/v1.json", Need.Anyone),
            new(HttpMethod.Get, "/api/v1/overview", Need.Viewer),
            new(HttpMethod.Get, "/api/v1/repositories?search=matrix", Need.Viewer),
            new(HttpMethod.Get, $"/api/v1/repositories/{repoId}", Need.Viewer),
            new(HttpMethod.Get, $"/api/v1/repositories/{repoId}/runs", Need.Viewer),
            new(HttpMethod.Get, $"/api/v1/runs/{runId}", Need.Viewer),
            new(HttpMethod.Get, $"/api/v1/findings?repositoryId={repoId}&severity=Warning", Need.Viewer),
            new(HttpMethod.Get, $"/api/v1/findings/{findingId}", Need.Viewer),
            new(HttpMethod.Get, "/api/v1/ai-systems", Need.Viewer),
            new(HttpMethod.Get, $"/api/v1/ai-systems/{systemId}", Need.Viewer),
            new(HttpMethod.Get, $"/api/v1/exports/findings?format=csv&repositoryId={repoId}", Need.Viewer),
            new(HttpMethod.Get, $"/api/v1/exports/findings?format=json&repositoryId={repoId}", Need.Viewer),
            new(HttpMethod.Get, $"/api/v1/exports/findings?format=sarif&repositoryId={repoId}", Need.Viewer),
            new(HttpMethod.Get, $"/api/v1/exports/ai-systems/{systemId}/audit-package", Need.Viewer),
            new(HttpMethod.Post, $"/api/v1/findings/{findingId}/triage", Need.Triager, () => Json(new { action = "Reopen", comment = "matrix" })),
            new(HttpMethod.Post, "/api/v1/findings/triage", Need.Triager, () => Json(new { findingIds = new[] { findingId }, triage = new { action = "Reopen" } })),
            new(HttpMethod.Get, "/api/v1/admin/tokens", Need.Admin),
            new(HttpMethod.Post, "/api/v1/admin/tokens", Need.Admin, () => Json(new { name = "m", allRepositories = false, repositories = new[] { repo }, expiresAt = DateTime.UtcNow.AddDays(1) })),
            new(HttpMethod.Delete, $"/api/v1/admin/tokens/{spareToken}", Need.Admin),
            new(HttpMethod.Get, $"/api/v1/admin/tokens/{spareToken}/uses", Need.Admin),
            new(HttpMethod.Get, "/api/v1/admin/audit-log", Need.Admin),
            new(HttpMethod.Get, "/api/v1/admin/users", Need.Admin),
            new(HttpMethod.Post, "/api/v1/admin/users", Need.Admin, () => Json(new { email = $"new{Interlocked.Increment(ref counter)}-{provider}@example.test", password = PortalServer.Password, role = "viewer" })),
            new(HttpMethod.Put, $"/api/v1/admin/users/{viewerId}/role", Need.Admin, () => Json(new { role = "viewer" })),
            new(HttpMethod.Put, $"/api/v1/admin/users/{noroleId}/lockout", Need.Admin, () => Json(new { lockedOut = false })),
            new(HttpMethod.Put, $"/api/v1/admin/repositories/{repoId}/default-branch", Need.Admin, () => Json(new { branch = "main" })),
        };

        var clients = new Dictionary<string, HttpClient>();
        foreach (var caller in Callers)
            clients[caller] = caller switch { "anonymous" => await server.ClientAsync(), "token" => server.TokenClient(allToken), _ => await server.ClientAsync(caller) };
        var rank = new Dictionary<string, int> { ["anonymous"] = -1, ["token"] = -1, ["norole"] = 0, ["viewer"] = 1, ["triager"] = 2, ["admin"] = 3 };

        var failures = new List<string>();
        foreach (var endpoint in endpoints)
        {
            foreach (var caller in Callers)
            {
                using var request = new HttpRequestMessage(endpoint.Method, endpoint.Path) { Content = endpoint.Body?.Invoke() };
                using var response = await clients[caller].SendAsync(request);
                var status = (int)response.StatusCode;
                int? expected = endpoint.Need == Need.Anyone ? null : rank[caller] < 0 ? 401 : rank[caller] < (int)endpoint.Need ? 403 : null;
                var ok = expected is { } denied ? status == denied : status is >= 200 and < 300;
                if (!ok) failures.Add($"{endpoint.Method} {endpoint.Path} as {caller}: {status}, expected {(expected?.ToString() ?? "2xx")} — {await response.Content.ReadAsStringAsync()}");
            }
        }

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
            var token = (await tokens.ListAsync()).First(t => t.Repositories.Contains(repoA));
            await tokens.RevokeAsync(token.Id, CorePortal.Admin);
            return (token.Id, await tokens.ListUsesAsync(token.Id));
        });
        Assert.Equal([TokenUseOutcome.Forbidden, TokenUseOutcome.Accepted, TokenUseOutcome.Accepted], uses.Select(u => u.Outcome));

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
