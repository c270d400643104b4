using System.Text;
using ShiftLeft.Build.Diagnostics;
using ShiftLeft.Build.Tests.Infrastructure;

namespace ShiftLeft.Build.Tests.Unit;

/// <summary>
/// The catalogue of malformed policy and evidence files. Each breaks a passing repository in exactly one way and
/// must produce its precise SL100x error (right code, file, line, and a how-to-fix sentence) and nothing else failing.
/// </summary>
public sealed class MalformedInputCatalogueTests
{
    private const string Policy = "shiftleft.json";
    private const string Card = "docs/ai/support/model-card.md";
    private const string Eval = "eval/support/results.json";
    private const string RedTeam = "eval/support/redteam.json";
    private const string Register = "docs/ai/risk-register.json";
    private const string DataSheet = "docs/ai/support/data-sheet.md";

    /// <summary>One malformed file: what to write, the code expected, and a snippet whose line the error must point at.</summary>
    public sealed record Case(string Name, string File, Func<TestRepository, byte[]> Content, string Code, string? LineOf, string MessageFragment)
    {
        public override string ToString() => Name;
    }

    private static Func<TestRepository, byte[]> Text(Func<TestRepository, string> text) => r => Encoding.UTF8.GetBytes(text(r));

    private static Func<TestRepository, byte[]> PolicyWith(string find, string replace) =>
        Text(_ => TestRepository.GreenPolicy.Contains(find, StringComparison.Ordinal) ? TestRepository.GreenPolicy.Replace(find, replace, StringComparison.Ordinal) : throw new InvalidOperationException("fixture text not found: " + find));

    private static Func<TestRepository, byte[]> CardWith(string find, string replace) =>
        Text(r => TestRepository.ModelCard(TestRepository.ModelId, r.Date(10)).Replace(find, replace, StringComparison.Ordinal));

    public static TheoryData<Case> Cases() => new()
    {
        // shiftleft.json (SL1005)
        new("policy truncated", Policy, Text(_ => TestRepository.GreenPolicy.Substring(0, TestRepository.GreenPolicy.IndexOf("\"model\"", StringComparison.Ordinal))), RuleIds.PolicyInvalid, null, "is not valid JSON"),
        new("policy empty", Policy, Text(_ => "  \n"), RuleIds.PolicyInvalid, null, "is empty"),
        new("policy UTF-16", Policy, _ => Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(TestRepository.GreenPolicy)).ToArray(), RuleIds.PolicyInvalid, null, "Save it as UTF-8"),
        new("policy NUL bytes", Policy, _ => Encoding.UTF8.GetBytes(TestRepository.GreenPolicy).Concat(new byte[] { 0, 0 }).ToArray(), RuleIds.PolicyInvalid, null, "NUL bytes"),
        new("policy huge", Policy, _ => Encoding.UTF8.GetBytes("{ \"systems\": [], \"x\": \"" + new string('a', 1_100_000) + "\" }"), RuleIds.PolicyInvalid, null, "limit"),
        new("policy root is an array", Policy, Text(_ => "[ { \"systems\": [] } ]"), RuleIds.PolicyInvalid, null, "top level"),
        new("riskTier wrong type", Policy, PolicyWith("\"riskTier\": \"high\"", "\"riskTier\": 3"), RuleIds.PolicyInvalid, "\"riskTier\": 3", "/systems/0/riskTier"),
        new("unknown tier", Policy, PolicyWith("\"riskTier\": \"high\"", "\"riskTier\": \"extreme\""), RuleIds.PolicyInvalid, "\"riskTier\": \"extreme\"", "unknown riskTier 'extreme'"),
        new("threshold in words", Policy, PolicyWith("\">= 4\"", "\"at least 4\""), RuleIds.PolicyInvalid, "at least 4", "is not a comparison"),
        new("threshold without number", Policy, PolicyWith("\">= 4\"", "\">= four\""), RuleIds.PolicyInvalid, ">= four", "is not a comparison"),
        new("threshold not a string", Policy, PolicyWith("\">= 4\"", "4"), RuleIds.PolicyInvalid, "\"groundedness\": 4", "/thresholds/groundedness"),
        new("project glob matches nothing", Policy, PolicyWith("src/Support/*.csproj", "src/Nope/*.csproj"), RuleIds.PolicyInvalid, "src/Nope/*.csproj", "matches no file"),
        new("project glob absolute", Policy, PolicyWith("src/Support/*.csproj", "/src/Support/*.csproj"), RuleIds.PolicyInvalid, "/src/Support/*.csproj", "absolute path"),
        new("project glob climbs out", Policy, PolicyWith("src/Support/*.csproj", "../src/*.csproj"), RuleIds.PolicyInvalid, "../src/*.csproj", "'..'"),
        new("project glob with braces", Policy, PolicyWith("src/Support/*.csproj", "src/{Support,Other}/*.csproj"), RuleIds.PolicyInvalid, "{Support,Other}", "not supported"),
        new("prompt glob matches nothing", Policy, PolicyWith("src/Support/Prompts/**/*.txt", "src/Support/Prompts/**/*.prompty"), RuleIds.PolicyInvalid, "*.prompty", "matches no file"),
        new("misspelt top-level property", Policy, PolicyWith("\"exceptions\": []", "\"exeptions\": []"), RuleIds.PolicyInvalid, "\"exeptions\"", "'exeptions' is not allowed"),
        new("system without owner", Policy, PolicyWith("\"owner\": \"team-support\",", ""), RuleIds.PolicyInvalid, "\"systems\": [{", "owner"),
        new("duplicate system", Policy, PolicyWith("}],\n  \"tiers\"", "}, { \"name\": \"support-assistant\", \"owner\": \"x\", \"riskTier\": \"minimal\", \"projects\": [\"src/Support/*.csproj\"] }],\n  \"tiers\""), RuleIds.PolicyInvalid, "\"owner\": \"x\"", "declared twice"),
        new("max age zero", Policy, PolicyWith("\"maxEvidenceAgeDays\": 90", "\"maxEvidenceAgeDays\": 0"), RuleIds.PolicyInvalid, "\"maxEvidenceAgeDays\": 0", "/tiers/high/maxEvidenceAgeDays"),
        new("max age in words", Policy, PolicyWith("\"maxEvidenceAgeDays\": 90", "\"maxEvidenceAgeDays\": \"ninety\""), RuleIds.PolicyInvalid, "\"ninety\"", "/tiers/high/maxEvidenceAgeDays"),
        new("custom tier without requires", Policy, PolicyWith("\"tiers\": { \"high\": { \"maxEvidenceAgeDays\": 90 } }", "\"tiers\": { \"critical\": { \"maxEvidenceAgeDays\": 30 } }"), RuleIds.PolicyInvalid, "\"critical\"", "declares no 'requires'"),
        new("evidence path absolute", Policy, PolicyWith("\"docs/ai/support/data-sheet.md\"", "\"/etc/data-sheet.md\""), RuleIds.PolicyInvalid, "/etc/data-sheet.md", "must be relative"),
        new("exception impossible date", Policy, PolicyWith("\"exceptions\": []", "\"exceptions\": [{ \"system\": \"support-assistant\", \"requirement\": \"redTeam\", \"reason\": \"r\", \"approvedBy\": \"ciso\", \"expires\": \"2027-02-30\" }]"), RuleIds.PolicyInvalid, "2027-02-30", "not a real calendar date"),
        new("exception date format", Policy, PolicyWith("\"exceptions\": []", "\"exceptions\": [{ \"system\": \"support-assistant\", \"requirement\": \"redTeam\", \"reason\": \"r\", \"approvedBy\": \"ciso\", \"expires\": \"31/01/2027\" }]"), RuleIds.PolicyInvalid, "31/01/2027", "/exceptions/0/expires"),
        new("exception unknown system", Policy, PolicyWith("\"exceptions\": []", "\"exceptions\": [{ \"system\": \"billing\", \"requirement\": \"redTeam\", \"reason\": \"r\", \"approvedBy\": \"ciso\", \"expires\": \"2027-01-31\" }]"), RuleIds.PolicyInvalid, "\"billing\"", "not declared"),
        new("exception for unrequired artifact", Policy, PolicyWith("\"exceptions\": []", "\"exceptions\": [{ \"system\": \"support-assistant\", \"requirement\": \"dpia\", \"reason\": \"r\", \"approvedBy\": \"ciso\", \"expires\": \"2027-01-31\" }]"), RuleIds.PolicyInvalid, "\"dpia\"", "does not require"),
        new("exception without approver", Policy, PolicyWith("\"exceptions\": []", "\"exceptions\": [{ \"system\": \"support-assistant\", \"requirement\": \"redTeam\", \"reason\": \"r\", \"expires\": \"2027-01-31\" }]"), RuleIds.PolicyInvalid, "\"requirement\": \"redTeam\"", "approvedBy"),

        // Evidence artifacts (SL1002)
        new("model card without front matter", Card, Text(_ => "# Card\n## Model details\nx\n"), RuleIds.ArtifactInvalid, "# Card", "no YAML front matter"),
        new("model card broken YAML", Card, CardWith("license: proprietary", "license: a: b"), RuleIds.ArtifactInvalid, "license: a: b", "cannot be parsed"),
        new("model card front matter is a list", Card, Text(_ => "---\n- a\n- b\n---\n# Card\n"), RuleIds.ArtifactInvalid, "- a", "not a mapping"),
        new("model card names no model", Card, CardWith("model_id: gpt-4o-2024-08-06\n", ""), RuleIds.ArtifactInvalid, "last_reviewed", "names no model"),
        new("model card missing section", Card, CardWith("## Limitations\nMay confabulate.\n", ""), RuleIds.ArtifactInvalid, "## Evaluation", "'Limitations'"),
        new("model card bad date", Card, CardWith("last_reviewed: ", "last_reviewed: yesterday #"), RuleIds.ArtifactInvalid, "last_reviewed:", "is not a date"),
        new("model card template placeholder", Card, CardWith("GPT-4o via Azure OpenAI.", "TODO(shiftleft): describe the model"), RuleIds.ArtifactInvalid, "TODO(shiftleft)", "template placeholder"),
        new("data sheet missing sections", DataSheet, Text(r => $"---\nlast_reviewed: {r.Date(3)}\n---\n# Data\n## Motivation\nx\n"), RuleIds.ArtifactInvalid, "## Motivation", "'Composition'"),
        new("evaluation truncated", Eval, Text(r => TestRepository.AiEvalReport(r.Date(5), 4.5).Substring(0, 200)), RuleIds.ArtifactInvalid, null, "is not valid JSON"),
        new("evaluation unknown format", Eval, Text(_ => "{ \"score\": 4.5 }"), RuleIds.ArtifactInvalid, "{ \"score\"", "no known evaluation format"),
        new("evaluation UTF-16", Eval, r => Encoding.BigEndianUnicode.GetPreamble().Concat(Encoding.BigEndianUnicode.GetBytes(TestRepository.AiEvalReport(r.Date(5), 4.5))).ToArray(), RuleIds.ArtifactInvalid, null, "UTF-16"),
        new("aieval runs not an array", Eval, Text(_ => "{ \"scenarioRunResults\": { \"a\": 1 } }"), RuleIds.ArtifactInvalid, "{ \"a\": 1 }", "must be an array"),
        new("aieval creationTime not a date", Eval, Text(r => TestRepository.AiEvalReport(r.Date(5), 4.5).Replace(r.Date(5) + "T08:00:00Z", "last tuesday", StringComparison.Ordinal)), RuleIds.ArtifactInvalid, "last tuesday", "not a valid date"),
        new("shiftleft format value is text", Eval, Text(r => $"{{ \"format\": \"shiftleft-evaluation\", \"date\": \"{r.Date(2)}\",\n  \"metrics\": [ {{ \"name\": \"groundedness\", \"value\": \"high\" }} ] }}"), RuleIds.ArtifactInvalid, "\"value\": \"high\"", "/metrics/0/value"),
        new("shiftleft format without date", Eval, Text(_ => "{ \"format\": \"shiftleft-evaluation\",\n  \"metrics\": [] }"), RuleIds.ArtifactInvalid, "{ \"format\"", "date"),
        new("promptfoo without results array", RedTeam, Text(r => $"{{ \"results\": {{ \"timestamp\": \"{r.Date(3)}\", \"stats\": {{}} }} }}"), RuleIds.ArtifactInvalid, "{ \"results\"", "no results.results array"),
        new("risk register bad enum", Register, Text(r => TestRepository.RiskRegister("support-assistant", r.Date(3)).Replace("\"likelihood\": \"medium\"", "\"likelihood\": \"very\"", StringComparison.Ordinal)), RuleIds.ArtifactInvalid, "\"very\"", "/risks/0/likelihood"),
        new("evaluation huge", Eval, _ => [], RuleIds.ArtifactInvalid, null, "limit"),

        // Metrics (SL1003), staleness (SL1004), presence (SL1001)
        new("judge error diagnostic", Eval, Text(r => TestRepository.AiEvalReport(r.Date(5), 4.5).Replace("\"diagnostics\": [], \"interpretation\"", "\"diagnostics\": [ { \"severity\": \"error\", \"message\": \"judge timed out\" } ], \"interpretation\"", StringComparison.Ordinal)), RuleIds.MetricFailing, "\"Groundedness\": {", "judge timed out"),
        new("metric value missing", Eval, Text(r => TestRepository.AiEvalReport(r.Date(5), 4.5).Replace("\"value\": 4.5,", "\"value\": null,", StringComparison.Ordinal)), RuleIds.MetricFailing, "\"Groundedness\": {", "no value was recorded"),
        new("metric below threshold", Eval, Text(r => TestRepository.AiEvalReport(r.Date(5), 3.5, 3.9)), RuleIds.MetricFailing, "\"Groundedness\": {", "fails the threshold '>= 4'"),
        new("promptfoo errored case", RedTeam, Text(r => TestRepository.PromptfooReport(r.Date(5), 0.0, "rate limited")), RuleIds.MetricFailing, null, "rate limited"),
        new("red team over defect rate", RedTeam, Text(r => TestRepository.PromptfooReport(r.Date(5), 0.2)), RuleIds.MetricFailing, null, "fails the threshold '<= 0.01'"),
        new("evaluation too old", Eval, Text(r => TestRepository.AiEvalReport(r.Date(120), 4.5)), RuleIds.EvidenceStale, "T08:00:00Z", "120 days old"),
        new("model card certifies another model", Card, Text(r => TestRepository.ModelCard("gpt-4-0613", r.Date(10))), RuleIds.EvidenceStale, "gpt-4-0613", "certifies model 'gpt-4-0613'"),
        new("model card prompt hash outdated", Card, Text(r => TestRepository.ModelCard(TestRepository.ModelId, r.Date(10), "prompt_hash: sha256:" + new string('0', 64) + "\n")), RuleIds.EvidenceStale, "prompt_hash", "certifies prompt set"),
        new("model card dated in the future", Card, Text(r => TestRepository.ModelCard(TestRepository.ModelId, r.Date(-30))), RuleIds.EvidenceStale, "last_reviewed", "in the future"),
        new("risk register lacks the system", Register, Text(r => TestRepository.RiskRegister("billing-bot", r.Date(3))), RuleIds.ArtifactMissing, null, "no entry for system 'support-assistant'"),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Malformed_input_gives_its_precise_error(Case testCase)
    {
        using var repository = new TestRepository().WithGreenSystem();
        var bytes = testCase.Content(repository);
        if (testCase.Name == "evaluation huge")
        {
            // A sparse 65 MB file: the size check must reject it before anything reads it.
            using var stream = File.Create(repository.FullPath(testCase.File));
            stream.SetLength(65L * 1024 * 1024);
        }
        else
        {
            repository.WriteBytes(testCase.File, bytes);
        }

        var result = repository.Evaluate();

        var errors = result.Diagnostics.Where(d => d.Level == DiagnosticLevel.Error).ToList();
        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.Equal(testCase.Code, e.Code));
        var error = errors.FirstOrDefault(e => e.Message.Contains(testCase.MessageFragment, StringComparison.Ordinal));
        Assert.True(error is not null, $"no {testCase.Code} mentions '{testCase.MessageFragment}'; got: {string.Join(" | ", errors)}");
        Assert.EndsWith(Path.GetFileName(testCase.File), error.Location.File, StringComparison.Ordinal);
        Assert.Matches(@"\. [A-Z(`].*\.(\))?$|\.\)$", error.Message);
        Assert.DoesNotContain("   at ", error.Message, StringComparison.Ordinal);
        if (testCase.LineOf is not null)
        {
            Assert.Equal(LineOf(bytes, testCase.LineOf), error.Location.Line);
            Assert.True(error.Location.Column > 0);
        }
        else if (testCase.MessageFragment == "is not valid JSON")
        {
            Assert.True(error.Location.Line > 1 && error.Location.Column > 0, error.ToString());
        }
    }

    [Fact]
    public void Catalogue_has_at_least_thirty_cases() => Assert.True(Cases().Count >= 30);

    private static int LineOf(byte[] content, string snippet)
    {
        var text = Encoding.UTF8.GetString(content);
        var index = text.IndexOf(snippet, StringComparison.Ordinal);
        Assert.True(index >= 0, $"snippet '{snippet}' not in the case content");
        return text.Substring(0, index).Count(c => c == '\n') + 1;
    }
}
