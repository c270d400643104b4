using Microsoft.EntityFrameworkCore;
using ShiftLeft.Portal.Core;
using ShiftLeft.Portal.Core.Domain;
using ShiftLeft.Portal.Core.Services;
using ShiftLeft.Portal.Tests.Infrastructure;

namespace ShiftLeft.Portal.Tests.Core;

/// <summary>Evidence reports, AI systems and the overview KPIs, each class on databases of its own so the numbers are exact.</summary>
public sealed class EvidenceAndKpiTests(BothProviders providers) : IClassFixture<BothProviders>
{
    private static byte[] Evidence => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", "evidence.json"));

    [Theory]
    [MemberData(nameof(BothProviders.All), MemberType = typeof(BothProviders))]
    public async Task Evidence_creates_the_ai_system_redacts_personal_data_and_drives_the_kpis(DatabaseProvider provider)
    {
        var portal = await providers.Get(provider);
        var sarif = new[]
        {
            new SyntheticResult("SL0003", "Email logged", "file:///w/chatbot/src/A.cs", 3, Level: "error"),
            new SyntheticResult("SL0002", "No guardrail", "file:///w/chatbot/src/B.cs", 7),
            new SyntheticResult("SL0002", "No guardrail", "file:///w/chatbot/src/B.cs", 9),
            new SyntheticResult("CS0168", "Unused", "file:///w/chatbot/src/C.cs", 1, Level: "note"),
        };
        var run = await portal.IngestAsync("contoso/chatbot", "e1", sarif, evidence: Evidence);
        Assert.Equal(["support-chatbot"], run.AiSystems);
        Assert.False(run.GatePassed);

        var systems = await portal.WithAsync<IAiSystemService, PagedResult<AiSystemSummaryDto>>(s => s.ListAsync(new AiSystemListQuery()));
        var system = Assert.Single(systems.Items);
        Assert.Equal(("high", "Support AI team", 3, 2, 1, false), (system.RiskTier, system.Owner, system.RequirementCount, system.RequirementsSatisfied, system.ActiveExceptions, system.IsShippable));
        var detail = await portal.WithAsync<IAiSystemService, AiSystemDetailDto?>(s => s.GetAsync(system.Id));
        var missing = Assert.Single(detail!.Requirements, r => r.Status == EvidenceStatus.Missing);
        var message = Assert.Single(missing.Messages);
        Assert.DoesNotContain("jane.doe@contoso.com", message, StringComparison.Ordinal);
        Assert.DoesNotContain("555 0100", message, StringComparison.Ordinal);
        Assert.Contains("[email]", message, StringComparison.Ordinal);
        Assert.Contains("[phone]", message, StringComparison.Ordinal);
        var excepted = Assert.Single(detail.Requirements, r => r.Status == EvidenceStatus.Excepted);
        Assert.Equal(("CISO", false), (excepted.ExceptionApprovedBy, excepted.ExceptionExpired));
        Assert.Equal(2, detail.Metrics.Count);
        await using (var db = portal.Db())
        {
            var stored = await db.EvidenceReports.SingleAsync();
            Assert.DoesNotContain("jane.doe@contoso.com", stored.Json, StringComparison.Ordinal);
            Assert.Contains("futureField", stored.Json, StringComparison.Ordinal);
        }

        var overview = await portal.WithAsync<IOverviewService, OverviewDto>(s => s.GetOverviewAsync(new OverviewQuery(30)));
        Assert.Equal(4, overview.OpenFindings);
        Assert.Equal([new SeverityCount(FindingSeverity.Error, 1), new SeverityCount(FindingSeverity.Warning, 2), new SeverityCount(FindingSeverity.Note, 1)], overview.OpenBySeverity);
        Assert.Equal(new KeyCount("SL0002", 2), overview.OpenByRule[0]);
        Assert.Equal([new KeyCount("LLM01", 2), new KeyCount("LLM02", 1)], overview.OpenByOwaspCategory);
        Assert.Equal(30, overview.OpenTrend.Count);
        Assert.Equal(4, overview.OpenTrend[^1].OpenFindings);
        Assert.Equal(0, overview.Kpis.EvaluationCoveragePercent);
        Assert.Equal(0, overview.Kpis.ReleaseGatePassRatePercent);
        Assert.Equal(66.7, overview.Kpis.AuditEvidenceCompletenessPercent);
        Assert.Equal(33.3, overview.Kpis.ExceptionRatePercent);
        Assert.Null(overview.Kpis.MeanTimeToRemediateDays);

        // A later build fixes two findings and passes the gate with all evidence present.
        var passing = System.Text.Encoding.UTF8.GetString(Evidence).Replace("\"passed\": false, \"severity\"", "\"passed\": true, \"severity\"", StringComparison.Ordinal)
            .Replace("\"status\": \"missing\"", "\"status\": \"present\"", StringComparison.Ordinal).Replace("\"status\": \"excepted\"", "\"status\": \"present\"", StringComparison.Ordinal)
            .Replace("\"value\": 0.2, \"threshold\": \"<= 0.1\", \"passed\": false", "\"value\": 0.05, \"threshold\": \"<= 0.1\", \"passed\": true", StringComparison.Ordinal);
        var second = await portal.IngestAsync("contoso/chatbot", "e2", sarif[..2], evidence: System.Text.Encoding.UTF8.GetBytes(passing));
        Assert.Equal(2, second.Fixed);
        Assert.True(second.GatePassed);
        overview = await portal.WithAsync<IOverviewService, OverviewDto>(s => s.GetOverviewAsync(new OverviewQuery(30)));
        Assert.Equal(2, overview.OpenFindings);
        Assert.Equal(100, overview.Kpis.EvaluationCoveragePercent);
        Assert.Equal(50, overview.Kpis.ReleaseGatePassRatePercent);
        Assert.Equal(100, overview.Kpis.AuditEvidenceCompletenessPercent);
        Assert.Equal(0, overview.Kpis.ExceptionRatePercent);
        Assert.NotNull(overview.Kpis.MeanTimeToRemediateDays);
        Assert.Equal(2, overview.Kpis.MeanTimeToRemediateBySeverity.Sum(m => m.FixedCount));
    }
}
