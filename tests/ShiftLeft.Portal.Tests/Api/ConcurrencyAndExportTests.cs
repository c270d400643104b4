using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ShiftLeft.Portal.Core;
using ShiftLeft.Portal.Core.Data;
using ShiftLeft.Portal.Tests.Infrastructure;

namespace ShiftLeft.Portal.Tests.Api;

public sealed class ConcurrencyAndExportTests(BothServers servers) : IClassFixture<BothServers>
{
    [Theory]
    [MemberData(nameof(BothProviders.All), MemberType = typeof(BothProviders))]
    public async Task Sixteen_concurrent_uploaders_lose_nothing_and_duplicate_nothing(DatabaseProvider provider)
    {
        var server = await servers.Get(provider);
        var token = await server.CreateTokenAsync(allRepositories: true);
        var prefix = $"contoso/concurrent-{provider}-";
        // 4 repositories × (2 commits × the same upload twice): concurrent lifecycle on one branch and idempotency races.
        var results = Enumerable.Range(1, 200).Select(i => new SyntheticResult(i % 2 == 0 ? "SL0003" : "SL0002", $"Finding {i} in method M{i}x", $"file:///agent/w/src/F{i % 17}.cs", i)).ToList();
        var sarif = SyntheticSarif.ToBytes(results);
        var uploads = Enumerable.Range(0, 16).Select(async i =>
        {
            using var client = server.TokenClient(token);
            var content = Uploads.Multipart(prefix + (i % 4), "k" + (i / 8), Uploads.Gzip(sarif), buildId: "b" + (i / 8));
            using var response = await client.PostAsync("/api/v1/runs", content);
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        }).ToList();
        var answers = await Task.WhenAll(uploads);

        Assert.All(answers, a => Assert.True(a.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, a.Body));
        Assert.Equal(8, answers.Count(a => a.StatusCode == HttpStatusCode.Created));
        Assert.Equal(8, answers.Count(a => a.StatusCode == HttpStatusCode.OK));
        var created = answers.Where(a => a.StatusCode == HttpStatusCode.Created).Select(a => JsonDocument.Parse(a.Body).RootElement).ToList();
        Assert.Equal(4 * 200, created.Sum(c => c.GetProperty("new").GetInt32()));
        Assert.Equal(4 * 200, created.Sum(c => c.GetProperty("unchanged").GetInt32()));

        await using var db = server.Services.GetRequiredService<PortalDatabase>().CreateDbContext();
        var repositories = await db.Repositories.Where(r => r.Name.StartsWith(prefix)).Select(r => r.Id).ToListAsync();
        Assert.Equal(4, repositories.Count);
        foreach (var id in repositories)
        {
            Assert.Equal(2, await db.Runs.CountAsync(r => r.RepositoryId == id));
            Assert.Equal(200, await db.Findings.CountAsync(f => f.RepositoryId == id));
            Assert.Equal(400, await db.FindingOccurrences.CountAsync(o => db.Runs.Any(r => r.Id == o.RunId && r.RepositoryId == id)));
        }
    }

    [Fact]
    public async Task Exports_carry_the_filtered_findings_and_the_audit_package_is_verifiable()
    {
        var server = await servers.Get(DatabaseProvider.Sqlite);
        using (var uploader = server.TokenClient(await server.CreateTokenAsync(allRepositories: true)))
        {
            var sarif = SyntheticSarif.ToBytes(
            [
                new SyntheticResult("SL0003", "=HYPERLINK(\"http://evil\") <script>alert(1)</script>", "file:///w/exports/src/A.cs", 3, Level: "error"),
                new SyntheticResult("SL0002", "No guardrail around CompleteChat", "file:///w/exports/src/B.cs", 8),
                new SyntheticResult("SL0002", "No guardrail, suppressed", "file:///w/exports/src/C.cs", 9, Suppressed: true, Justification: "Wrapped by gateway"),
            ]);
            var evidence = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", "evidence.json"));
            Assert.Equal(HttpStatusCode.Created, (await uploader.PostAsync("/api/v1/runs", Uploads.Multipart("contoso/exports", "x1", sarif, evidence))).StatusCode);
        }

        using var viewer = await server.ClientAsync("viewer");
        var repository = await viewer.GetFromJsonAsync<JsonElement>("/api/v1/repositories?search=exports");
        var repoId = repository.GetProperty("items")[0].GetProperty("id").GetInt64();

        var csv = await viewer.GetStringAsync($"/api/v1/exports/findings?format=csv&repositoryId={repoId}&severity=Error");
        var lines = csv.TrimEnd().Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("id,repository,branch,rule,severity", lines[0], StringComparison.Ordinal);
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil\"\") <script>alert(1)</script>\"", lines[1], StringComparison.Ordinal);

        var json = await viewer.GetFromJsonAsync<JsonElement>($"/api/v1/exports/findings?format=json&repositoryId={repoId}&visibility=All");
        Assert.Equal(3, json.GetArrayLength());

        var sarifExport = await viewer.GetFromJsonAsync<JsonElement>($"/api/v1/exports/findings?format=sarif&repositoryId={repoId}&visibility=All");
        Assert.Equal("2.1.0", sarifExport.GetProperty("version").GetString());
        var exported = sarifExport.GetProperty("runs")[0].GetProperty("results");
        Assert.Equal(2, exported.GetArrayLength());
        Assert.Equal("src/A.cs", exported[0].GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Matches("^[0-9a-f]{32}$", exported[0].GetProperty("partialFingerprints").GetProperty("shiftleftFingerprint/v1").GetString()!);

        var systems = await viewer.GetFromJsonAsync<JsonElement>($"/api/v1/ai-systems?repositoryId={repoId}");
        var systemId = systems.GetProperty("items")[0].GetProperty("id").GetInt64();
        using var package = await viewer.GetAsync($"/api/v1/exports/ai-systems/{systemId}/audit-package");
        Assert.Equal("application/zip", package.Content.Headers.ContentType?.MediaType);
        using var zip = new ZipArchive(await package.Content.ReadAsStreamAsync(), ZipArchiveMode.Read);
        var manifest = JsonDocument.Parse(zip.GetEntry("manifest.json")!.Open()).RootElement;
        var entries = manifest.GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(["ai-system.json", "governance.json", "evidence/latest.json", "triage-history.json", "audit-log.json", "findings.csv", "findings-open.sarif"],
            entries.Select(e => e.GetProperty("path").GetString()));
        foreach (var entry in entries)
        {
            using var stream = zip.GetEntry(entry.GetProperty("path").GetString()!)!.Open();
            Assert.Equal(entry.GetProperty("sha256").GetString(), Convert.ToHexStringLower(await SHA256.HashDataAsync(stream)));
        }

        using var evidenceReader = new StreamReader(zip.GetEntry("evidence/latest.json")!.Open());
        var evidenceText = await evidenceReader.ReadToEndAsync();
        Assert.Contains("support-chatbot", evidenceText, StringComparison.Ordinal);
        Assert.DoesNotContain("jane.doe@contoso.com", evidenceText, StringComparison.Ordinal);
    }
}
