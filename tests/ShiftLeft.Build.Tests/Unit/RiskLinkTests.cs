using ShiftLeft.Build.Diagnostics;
using ShiftLeft.Build.Tests.Infrastructure;

namespace ShiftLeft.Build.Tests.Unit;

/// <summary>The policy links rule ids and metrics to risk-register ids; the evidence report carries the links for the audit package.</summary>
public sealed class RiskLinkTests
{
    private const string Links = "\"thresholds\": { \"groundedness\": \">= 4\", \"violence.defect_rate\": \"<= 0.01\" }";

    [Fact]
    public void Findings_metrics_and_the_register_entries_carry_their_risk_ids()
    {
        using var repository = new TestRepository().WithGreenSystem(TestRepository.GreenPolicy.Replace(Links, Links + ",\n    \"risks\": { \"SL1004\": [\"R-1\"], \"redTeam:violence.defect_rate\": [\"R-1\"], \"groundedness\": [\"R-1\"] }", StringComparison.Ordinal));
        repository.WriteStamped("eval/support/results.json", TestRepository.AiEvalReport(repository.Date(5), 3.5, 3.7));

        var report = repository.Evaluate().Report!;

        var failing = Assert.Single(report.Diagnostics);
        Assert.Equal("SL1003", failing.Code);
        Assert.Equal(["R-1"], failing.Risks);
        Assert.All(report.Metrics, m => Assert.Equal(["R-1"], m.Risks));
        Assert.Equal([("SL1004", "rule"), ("redTeam:violence.defect_rate", "metric"), ("groundedness", "metric")], report.RiskLinks.Select(l => (l.Target, l.TargetType)));
        var risk = Assert.Single(report.RegisteredRisks);
        Assert.Equal(("R-1", "Confabulated answers", "Groundedness threshold in CI", "mitigating"), (risk.Id, risk.Title, risk.Mitigation, risk.Status));
    }

    [Fact]
    public void A_scoped_link_covers_only_the_artifact_of_its_kind()
    {
        using var repository = new TestRepository().WithGreenSystem(TestRepository.GreenPolicy.Replace(Links, Links + ",\n    \"risks\": { \"evaluation:violence.defect_rate\": [\"R-1\"] }", StringComparison.Ordinal));

        var report = repository.Evaluate().Report!;

        Assert.Empty(report.Metrics.Single(m => m.Name == "violence.defect_rate").Risks);
    }

    [Fact]
    public void A_link_to_a_risk_the_register_lacks_is_an_invalid_policy()
    {
        using var repository = new TestRepository().WithGreenSystem(TestRepository.GreenPolicy.Replace(Links, Links + ",\n    \"risks\": { \"SL1003\": [\"R-1\", \"R-9\"] }", StringComparison.Ordinal));

        var error = Assert.Single(repository.Evaluate().Diagnostics);

        Assert.Equal((RuleIds.PolicyInvalid, "shiftleft.json", TextLines.LineOf(repository.Read("shiftleft.json"), "\"risks\"")), (error.Code, error.Location.File, error.Location.Line));
        Assert.Contains("Risk id 'R-9' linked in shiftleft.json is not in the risk register 'docs/ai/risk-register.json' for system 'support-assistant' (it has: R-1)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Links_without_a_register_to_find_them_in_are_an_invalid_policy()
    {
        using var repository = RealToolSystem.Create("promptfoo/passing.json", providers: RealToolSystem.LocalProvider, governance: "\"risks\": { \"pass_rate\": [\"R-1\"] }");

        var error = Assert.Single(repository.Evaluate().Diagnostics);

        Assert.Equal(RuleIds.PolicyInvalid, error.Code);
        Assert.Contains("links findings to risk ids (R-1) but declares no \"riskRegister\" evidence", error.Message, StringComparison.Ordinal);
    }
}
