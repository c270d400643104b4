using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ShiftLeft.Portal.Core;
using ShiftLeft.Portal.Core.Services;
using ShiftLeft.Portal.Core.Services.Governance;
using ShiftLeft.Portal.Tests.Infrastructure;

namespace ShiftLeft.Portal.Tests.Api;

/// <summary>
/// The three lookups the evidence gate makes with its ingestion token, over real HTTP on both providers: the signed
/// records and the baseline of the token's own repository, 403 for another repository, 404 when nothing matches.
/// </summary>
public sealed class GovernanceLookupTests(BothServers servers) : IClassFixture<BothServers>
{
    [Theory]
    [MemberData(nameof(BothProviders.All), MemberType = typeof(BothProviders))]
    public async Task The_gate_reads_its_own_repositorys_records_with_its_token_and_nothing_else(DatabaseProvider provider)
    {
        var server = await servers.Get(provider);
        var repo = $"contoso/lookup-{provider}".ToLowerInvariant();
        var digest = GovernedEvidence.Digest("lookup-" + provider);
        var own = await server.CreateTokenAsync(false, repo);
        var other = await server.CreateTokenAsync(false, "contoso/elsewhere");
        using (var uploader = server.TokenClient(own))
        using (var upload = await uploader.PostAsync("/api/v1/runs", Uploads.Multipart(repo, "l1", null, GovernedEvidence.Report("support-assistant", "l1", digest, 0.05))))
            Assert.Equal(HttpStatusCode.Created, upload.StatusCode);

        var signer = await server.WithAsync(async services =>
        {
            var repository = (await services.GetRequiredService<IRepositoryService>().GetByNameAsync(repo))!;
            var systemId = repository.AiSystems.Single().Id;
            var reportId = (await services.GetRequiredService<IAiSystemService>().GetAsync(systemId))!.Reports.Single().Id;
            await services.GetRequiredService<IBaselineService>().AcceptAsync(systemId, reportId, CorePortal.Admin);
            var acceptances = services.GetRequiredService<IRiskAcceptanceService>();
            var requested = await acceptances.RequestExceptionAsync(new RequestExceptionCommand(systemId, "evaluation", "Re-run booked", DateOnly.FromDateTime(TestClock.StartUtc.AddDays(20)), ["R-2"]), CorePortal.Triager);
            await acceptances.ApproveAsync(requested.Id, null, CorePortal.Approver);
            return (await services.GetRequiredService<ISignOffService>().SignAsync(systemId, reportId, "Reviewed", CorePortal.Approver)).Signer;
        });

        var query = $"repository={Uri.EscapeDataString(repo.ToUpperInvariant())}&system=support-assistant";
        using var gate = server.TokenClient(own);
        using (var response = await gate.GetAsync($"/api/v1/governance/sign-off?{query}&evidenceSha256={digest}"))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("attachment; filename=\"support-assistant.signoff.json\"", response.Content.Headers.ContentDisposition?.ToString());
            using var record = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal((digest, signer, "l1"), (record.RootElement.GetProperty("evidenceSha256").GetString(), record.RootElement.GetProperty("signer").GetString(), record.RootElement.GetProperty("commit").GetString()));
        }

        using (var response = await gate.GetAsync($"/api/v1/governance/sign-off?{query}&evidenceSha256={GovernedEvidence.Digest("other evidence")}"))
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using (var response = await gate.GetAsync($"/api/v1/governance/exceptions?{query}"))
        {
            using var records = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var record = Assert.Single(records.RootElement.EnumerateArray());
            Assert.Equal(("evaluation", "R-2"), (record.GetProperty("requirement").GetString(), record.GetProperty("risks")[0].GetString()));
        }

        using (var response = await gate.GetAsync($"/api/v1/governance/baseline?{query}"))
        {
            using var baseline = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal(digest, baseline.RootElement.GetProperty("systems").GetProperty("support-assistant").GetProperty("report").GetProperty("evidenceSha256").GetString());
        }

        using (var response = await gate.GetAsync($"/api/v1/governance/baseline?repository={Uri.EscapeDataString(repo)}&system=no-such-system"))
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var outsider = server.TokenClient(other);
        foreach (var path in new[] { $"sign-off?{query}&evidenceSha256={digest}", $"exceptions?{query}", $"baseline?{query}" })
        {
            using var response = await outsider.GetAsync("/api/v1/governance/" + path);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Contains("not scoped to", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }
}
