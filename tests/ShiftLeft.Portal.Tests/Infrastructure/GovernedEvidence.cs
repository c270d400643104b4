using System.Text;
using System.Text.Json.Nodes;

namespace ShiftLeft.Portal.Tests.Infrastructure;

/// <summary>
/// Evidence reports with the governance fields the gate writes (docs/evidence-gate.md "The evidence report"):
/// evidenceSha256, measurements, a fairness verdict with cohorts, risk links and the register. Built from
/// TestData/evidence.json so everything else stays the reviewed shape.
/// </summary>
public static class GovernedEvidence
{
    public static byte[] Report(string system, string commit, string evidenceSha256, double? fairnessGap = null, string owner = "Lena Lead", bool regressed = false)
    {
        var report = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "evidence.json")))!.AsObject();
        report["commit"] = commit;
        report["system"] = new JsonObject { ["name"] = system, ["owner"] = owner, ["riskTier"] = "high" };
        report["evidenceSha256"] = evidenceSha256;
        report["measurements"] = new JsonArray(
            new JsonObject { ["kind"] = "evaluation", ["name"] = "pass_rate", ["statistic"] = "proportion", ["n"] = 90, ["value"] = 0.85, ["successes"] = 77 });
        report["regressions"] = new JsonArray(new JsonObject
        {
            ["name"] = "pass_rate", ["kind"] = "evaluation", ["status"] = regressed ? "regressed" : "passed", ["passed"] = !regressed,
            ["baselineValue"] = 0.9, ["currentValue"] = 0.85, ["allowedDrop"] = 0.02,
        });
        if (fairnessGap is { } gap)
        {
            report["fairness"] = new JsonArray(new JsonObject
            {
                ["metric"] = "pass_rate", ["kind"] = "evaluation", ["attribute"] = "language", ["maxGap"] = 0.2, ["gap"] = gap,
                ["worstCohort"] = "fr", ["bestCohort"] = "en", ["status"] = "passed", ["passed"] = true, ["risks"] = new JsonArray("R-2"),
                ["cohorts"] = new JsonArray(
                    new JsonObject { ["value"] = "en", ["n"] = 50, ["metricValue"] = 0.9, ["status"] = "assessed" },
                    new JsonObject { ["value"] = "fr", ["n"] = 40, ["metricValue"] = Math.Round(0.9 - gap, 4), ["status"] = "assessed" }),
            });
        }

        report["riskLinks"] = new JsonArray(
            new JsonObject { ["target"] = "SL0003", ["targetType"] = "rule", ["risks"] = new JsonArray("R-1") },
            new JsonObject { ["target"] = "evaluation:pass_rate", ["targetType"] = "metric", ["risks"] = new JsonArray("R-2") });
        report["registeredRisks"] = new JsonArray(
            new JsonObject { ["id"] = "R-1", ["title"] = "Personal data in logs", ["category"] = "privacy", ["likelihood"] = "medium", ["impact"] = "high",
                ["mitigation"] = "Redact before logging", ["owner"] = "team-support", ["status"] = "mitigating" },
            new JsonObject { ["id"] = "R-2", ["title"] = "Worse answers in French", ["category"] = "fairness", ["likelihood"] = "medium", ["impact"] = "medium",
                ["mitigation"] = "Cohort evaluation per language", ["owner"] = "team-support", ["status"] = "open" });
        return Encoding.UTF8.GetBytes(report.ToJsonString());
    }

    /// <summary>A 64-hex evidence digest made from a label, so each test's reports differ.</summary>
    public static string Digest(string label) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(label)));
}
