using System.Globalization;
using System.Text;
using ShiftLeft.Build.Gate;

namespace ShiftLeft.Build.Tests.Infrastructure;

/// <summary>
/// A throw-away repository on disk with a complete, passing high-tier system ("support-assistant") that a test
/// then breaks in one precise way. Lives under the system temp folder, never inside /work/main.
/// </summary>
public sealed class TestRepository : IDisposable
{
    public const string ModelId = "gpt-4o-2024-08-06";
    public const string ProjectPath = "src/Support/Support.csproj";

    public TestRepository(DateTimeOffset? now = null)
    {
        Now = now ?? new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);
        Root = Path.Combine(Path.GetTempPath(), "shiftleft-build-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public DateTimeOffset Now { get; }

    /// <summary>A date <paramref name="daysAgo"/> before <see cref="Now"/>, as YYYY-MM-DD.</summary>
    public string Date(int daysAgo) => Now.AddDays(-daysAgo).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public string FullPath(string relative) => Path.Combine(Root, relative);

    public TestRepository Write(string relative, string content)
    {
        var path = FullPath(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content, new UTF8Encoding(false));
        return Touch(path);
    }

    public TestRepository WriteBytes(string relative, byte[] content)
    {
        var path = FullPath(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
        return Touch(path);
    }

    /// <summary>
    /// Whether files written by the test get the test clock as their file time (the default). A repository built by
    /// real `dotnet build`s turns it off: MSBuild's incremental checks compare file times with the real clock.
    /// </summary>
    public bool FileTimesFollowClock { get; init; } = true;

    // Outside git the gate dates an undated artifact by its file time; files written by a test are dated by the test's
    // clock, never by the machine's, so no test depends on the day it runs.
    private TestRepository Touch(string path)
    {
        if (FileTimesFollowClock)
        {
            File.SetLastWriteTimeUtc(path, Now.UtcDateTime.AddHours(-1));
        }

        return this;
    }

    /// <summary>Writes an artifact and certifies it for the current model and prompts, as a reviewer would with ShiftLeftStampEvidence.</summary>
    public TestRepository WriteStamped(string relative, string content) => Write(relative, content).Stamp(relative);

    /// <summary>Runs the stamp logic of ShiftLeftStampEvidence for the support project, at the test's clock.</summary>
    public TestRepository Stamp(string relative, string project = ProjectPath) =>
        TryStamp(relative, project) is { } problem ? throw new InvalidOperationException("stamping failed: " + problem) : this;

    private string? TryStamp(string relative, string project = ProjectPath)
    {
        var diagnostics = new List<ShiftLeft.Build.Diagnostics.EvidenceDiagnostic>();
        var line = EvidenceStamper.Stamp(new StampRequest(FullPath(project), FullPath("shiftleft.json"), relative, Now.AddHours(-1), "Test Reviewer <reviewer@example.com>"), diagnostics);
        if (line is null)
        {
            return string.Join("; ", diagnostics);
        }

        foreach (var written in new[] { FullPath(relative), FullPath(relative + ShiftLeft.Build.Evidence.StampSidecar.Suffix) }.Where(File.Exists))
        {
            Touch(written);
        }

        return null;
    }

    /// <summary>The prompt-set hash the gate computes for the support system now.</summary>
    public string PromptHash() => Evaluate().Report!.PromptHash!;

    /// <summary>
    /// Runs git in the repository with the test's identity and clock: <paramref name="daysAgo"/> before <see cref="Now"/>
    /// becomes the author and committer date, so commit dates never depend on the day the test runs.
    /// </summary>
    public string Git(string arguments, int daysAgo = 0)
    {
        var start = new System.Diagnostics.ProcessStartInfo("git", "-c user.name=Test -c user.email=test@example.com -c commit.gpgsign=false -c init.defaultBranch=main " + arguments)
        {
            WorkingDirectory = Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var date = Now.AddDays(-daysAgo).ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture);
        start.Environment["GIT_AUTHOR_DATE"] = date;
        start.Environment["GIT_COMMITTER_DATE"] = date;
        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        start.Environment["HOME"] = Root;
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"git {arguments} failed: {output}");
        }

        return output.Trim();
    }

    /// <summary>Makes the folder a git repository with everything committed <paramref name="daysAgo"/> days before <see cref="Now"/>.</summary>
    public TestRepository CommitAll(int daysAgo, string message = "evidence")
    {
        if (!Directory.Exists(FullPath(".git/objects")))
        {
            if (Directory.Exists(FullPath(".git")))
            {
                Directory.Delete(FullPath(".git"), recursive: true);
            }

            Git("init -q");
        }

        Git("add -A");
        Git($"commit -q --allow-empty -m \"{message}\"", daysAgo);
        return this;
    }

    public TestRepository Delete(string relative)
    {
        File.Delete(FullPath(relative));
        return this;
    }

    public string Read(string relative) => File.ReadAllText(FullPath(relative));

    public byte[] ReadBytes(string relative) => File.ReadAllBytes(FullPath(relative));

    /// <summary>Writes the passing high-tier repository (policy, prompts, all six artifacts).</summary>
    public TestRepository WithGreenSystem(string policy = "")
    {
        Write("shiftleft.json", policy.Length > 0 ? policy : GreenPolicy);
        Write(ProjectPath, "<Project Sdk=\"Microsoft.NET.Sdk\" />\n");
        Write("src/Support/Prompts/system.txt", "You are the support assistant. Answer only from the knowledge base.\n");
        Write("docs/ai/support/model-card.md", ModelCard(ModelId, Date(10)));
        Write("eval/support/results.json", AiEvalReport(Date(5), 4.5, 4.1));
        Write("eval/support/redteam.json", PromptfooReport(Date(5), 0.0));
        // The reviewer certified the three artifacts for the current model and prompts (when the policy is valid).
        foreach (var artifact in new[] { "docs/ai/support/model-card.md", "eval/support/results.json", "eval/support/redteam.json" })
        {
            TryStamp(artifact);
        }

        Write("docs/ai/risk-register.json", RiskRegister("support-assistant", Date(20)));
        Write("docs/ai/support/data-sheet.md", $"---\nlast_reviewed: {Date(30)}\n---\n# Data sheet\n## Motivation\nSupport answers.\n## Composition\nKnowledge-base articles.\n## Collection process\nExported from the help centre.\n");
        Write("docs/ai/support/oversight-plan.md", $"---\nlast_reviewed: {Date(30)}\n---\n# Oversight\n## Roles\nSupport leads.\n## Oversight measures\nSampled review.\n## Intervention\nKill switch in the admin UI.\n");
        return this;
    }

    public const string GreenPolicy = """
        {
          // The support assistant answers customer questions.
          "systems": [{
            "name": "support-assistant", "owner": "team-support",
            "riskTier": "high",
            "projects": ["src/Support/*.csproj"],
            "model": { "id": "gpt-4o-2024-08-06", "promptFiles": ["src/Support/Prompts/**/*.txt"] },
            "evidence": {
              "modelCard": "docs/ai/support/model-card.md",
              "evaluation": "eval/support/results.json",
              "redTeam": "eval/support/redteam.json",
              "riskRegister": "docs/ai/risk-register.json",
              "dataSheet": "docs/ai/support/data-sheet.md",
              "oversightPlan": "docs/ai/support/oversight-plan.md"
            },
            "thresholds": { "groundedness": ">= 4", "violence.defect_rate": "<= 0.01" }
          }],
          "tiers": { "high": { "maxEvidenceAgeDays": 90 } },
          "exceptions": []
        }
        """;

    public const string SignOffPath = "governance/support-assistant.signoff.json";

    public const string Commit = "0123abcd0123abcd0123abcd0123abcd0123abcd";

    /// <summary>
    /// The green policy governed as issue 16 asks: the high tier requires a release sign-off verified with the
    /// portal's key, exceptions need four eyes, groundedness is compared with the accepted baseline and across
    /// languages, and findings and metrics are linked to the risk register.
    /// </summary>
    public static string GovernedPolicy(PortalSigner portal) => GreenPolicy
        .Replace("\"oversightPlan\": \"docs/ai/support/oversight-plan.md\"", "\"oversightPlan\": \"docs/ai/support/oversight-plan.md\",\n      \"signOff\": \"" + SignOffPath + "\"", StringComparison.Ordinal)
        .Replace("\"thresholds\": { \"groundedness\": \">= 4\", \"violence.defect_rate\": \"<= 0.01\" }", """
            "thresholds": { "groundedness": ">= 4", "violence.defect_rate": "<= 0.01" },
                "regression": { "evaluation:groundedness": { "maxRegression": 0.5, "minSamples": 2 } },
                "fairness": { "metric": "evaluation:groundedness", "attribute": "language", "maxGap": 1, "minCohortSize": 1 },
                "risks": { "SL1003": ["R-1"], "evaluation:groundedness": ["R-1"] }
            """.Trim(), StringComparison.Ordinal)
        .Replace("\"tiers\": { \"high\": { \"maxEvidenceAgeDays\": 90 } },", $$"""
            "tiers": { "high": { "requires": ["modelCard", "evaluation", "redTeam", "riskRegister", "dataSheet", "oversightPlan", "signOff"], "maxEvidenceAgeDays": 90 } },
              "trustedKeys": [ {{portal.TrustedKeyJson}} ],
              "riskAcceptance": { "fourEyes": true, "maxExceptionDays": 180, "records": ["governance/exceptions/*.json"] },
            """.Trim(), StringComparison.Ordinal);

    /// <summary>The green system under <see cref="GovernedPolicy"/>, its evidence accepted as the baseline and signed off by the portal.</summary>
    public TestRepository WithGovernedSystem(PortalSigner portal)
    {
        Portal = portal;
        WithGreenSystem(GovernedPolicy(portal));
        return AcceptBaseline().SignOff(portal);
    }

    /// <summary>The portal that signed the governed system's records.</summary>
    public PortalSigner? Portal { get; private set; }

    /// <summary>Runs ShiftLeftAcceptBaseline's logic for the support project, at the test's clock.</summary>
    public TestRepository AcceptBaseline(string project = ProjectPath)
    {
        var diagnostics = new List<ShiftLeft.Build.Diagnostics.EvidenceDiagnostic>();
        var line = BaselineAcceptor.Accept(new AcceptRequest(FullPath(project), FullPath("shiftleft.json"), Commit, Now.AddHours(-1), "Lena Lead <lena@example.com>"), diagnostics);
        if (line is null)
        {
            throw new InvalidOperationException("accepting the baseline failed: " + string.Join("; ", diagnostics));
        }

        return Touch(FullPath("shiftleft-baseline.json"));
    }

    /// <summary>Writes the portal's sign-off of the current evidence.</summary>
    public TestRepository SignOff(PortalSigner portal, string system = "support-assistant") =>
        Write(SignOffPath, portal.SignOff(system, Evaluate().Report!.EvidenceSha256!, Now.AddHours(-2)));

    /// <summary>A model card certifying <paramref name="modelId"/> and the current prompt set, as a stamped card does.</summary>
    public string CertifiedCard(string modelId, string date, string extraFrontMatter = "") =>
        ModelCard(modelId, date, $"prompt_hash: {PromptHash()}\n{extraFrontMatter}");

    public static string ModelCard(string modelId, string date, string extraFrontMatter = "") =>
        $"---\nmodel_id: {modelId}\nlast_reviewed: {date}\nlicense: proprietary\n{extraFrontMatter}---\n# Support assistant\n\n## Model details\nGPT-4o via Azure OpenAI.\n\n## Intended use\nCustomer support answers.\n\n## Limitations\nMay confabulate.\n\n## Evaluation\nSee eval/support/results.json.\n";

    /// <summary>A Microsoft.Extensions.AI.Evaluation dataset as `aieval report -f json` writes it.</summary>
    public static string AiEvalReport(string date, params double[] groundedness)
    {
        var runs = groundedness.Select((value, i) => $$"""
            {
              "scenarioName": "Support.Answers", "iterationName": "{{i + 1}}", "executionName": "20261120",
              "creationTime": "{{date}}T08:00:00Z", "tags": ["support", "language:{{(i % 2 == 0 ? "en" : "fr")}}"],
              "evaluationResult": { "metrics": {
                "Groundedness": { "$type": "numeric", "name": "Groundedness", "value": {{value.ToString(CultureInfo.InvariantCulture)}}, "reason": "ok",
                  "diagnostics": [], "interpretation": { "rating": "good", "failed": false } },
                "Coherence": { "$type": "numeric", "name": "Coherence", "value": 4, "diagnostics": [] }
              } }
            }
            """);
        return "{ \"scenarioRunResults\": [\n" + string.Join(",\n", runs) + "\n], \"createdAt\": \"" + date + "T09:00:00Z\" }";
    }

    /// <summary>
    /// A small promptfoo results file in the shape `promptfoo eval -o results.json` writes (see Fixtures/promptfoo for
    /// recorded ones), with a named defect-rate score per case; an errored case has failureReason 2.
    /// </summary>
    public static string PromptfooReport(string date, double defectRate, string? error = null) => $$"""
        {
          "evalId": "eval-123",
          "results": {
            "version": 3,
            "timestamp": "{{date}}T08:00:00Z",
            "results": [
              { "provider": { "id": "openai:chat:gpt-4o-2024-08-06" }, "success": true, "score": 1, "namedScores": { "violence.defect_rate": {{defectRate.ToString(CultureInfo.InvariantCulture)}} }, "failureReason": 0 },
              { "provider": { "id": "openai:chat:gpt-4o-2024-08-06" }, "success": {{(error is null ? "true" : "false")}}, "score": {{(error is null ? "1" : "0")}}, "namedScores": {{(error is null ? "{ \"violence.defect_rate\": " + defectRate.ToString(CultureInfo.InvariantCulture) + " }" : "{}")}}, "error": {{(error is null ? "null" : "\"" + error + "\"")}}, "failureReason": {{(error is null ? 0 : 2)}},
                "testCase": { "assert": [ { "type": "llm-rubric", "value": "refuses violent requests", "metric": "violence.defect_rate" } ] } }
            ],
            "stats": { "successes": {{(error is null ? 2 : 1)}}, "failures": 0, "errors": {{(error is null ? 0 : 1)}} }
          }
        }
        """;

    public static string RiskRegister(string system, string updated) => $$"""
        {
          "updated": "{{updated}}",
          "risks": [
            { "id": "R-1", "system": "{{system}}", "title": "Confabulated answers", "category": "NIST AI 600-1: Confabulation",
              "likelihood": "medium", "impact": "high", "mitigation": "Groundedness threshold in CI", "owner": "team-support", "status": "mitigating" }
          ]
        }
        """;

    /// <summary>Runs the gate logic in-process, as the MSBuild task would for the support project.</summary>
    public GateResult Evaluate(string project = ProjectPath, IReadOnlyList<string>? packages = null, string policy = "shiftleft.json") =>
        EvidenceGate.Evaluate(new GateRequest
        {
            ProjectPath = FullPath(project),
            PolicyPath = File.Exists(FullPath(policy)) || policy != "shiftleft.json" ? FullPath(policy) : null,
            PackageReferences = packages ?? [],
            Now = Now,
            Commit = Commit,
        });

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A build server may still hold a file; the temp folder is cleaned by the OS eventually.
        }
    }
}
