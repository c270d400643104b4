using System.Diagnostics;
using System.Text;
using ShiftLeft.Build.Diagnostics;
using ShiftLeft.Build.Tests.Infrastructure;

namespace ShiftLeft.Build.Tests.Unit;

/// <summary>
/// The catalogue of malformed inputs: each case breaks a passing repository in one way and must produce its precise
/// SL100x error — right code, file and line, a how-to-fix sentence — and nothing else failing.
/// </summary>
public sealed partial class MalformedInputCatalogueTests
{
    private const string Policy = "shiftleft.json";
    private const string Card = "docs/ai/support/model-card.md";
    private const string Eval = "eval/support/results.json";
    private const string RedTeam = "eval/support/redteam.json";
    private const string Register = "docs/ai/risk-register.json";
    private const string DataSheet = "docs/ai/support/data-sheet.md";
    private const string Stamp = Eval + ".shiftleft-stamp.json";
    private const string End = "<end of file>";

    /// <summary>
    /// One malformed input: what to write (or what to do to the file system), the code expected, and where: the line of
    /// <paramref name="LineOf"/> in the written content, or <see cref="Line"/> (0 = the file as a whole).
    /// </summary>
    public sealed record Case(string Name, string File, Func<TestRepository, byte[]>? Content, string Code, string? LineOf, string MessageFragment)
    {
        /// <summary>Instead of writing content: changes the file system (links, FIFOs, folders).</summary>
        public Action<TestRepository>? Setup { get; init; }

        /// <summary>The file the error names, when it is not <see cref="File"/>.</summary>
        public string? At { get; init; }

        /// <summary>The exact line when <see cref="LineOf"/> is null.</summary>
        public int? Line { get; init; }

        /// <summary>Breaks the governed green system (sign-off, baseline, four eyes) instead of the plain one.</summary>
        public bool Governed { get; init; }

        public override string ToString() => Name;
    }

    private static Func<TestRepository, byte[]> Text(Func<TestRepository, string> text) => r => Encoding.UTF8.GetBytes(text(r));

    private static Func<TestRepository, byte[]> PolicyWith(string find, string replace) =>
        Text(_ => TestRepository.GreenPolicy.Contains(find, StringComparison.Ordinal) ? TestRepository.GreenPolicy.Replace(find, replace, StringComparison.Ordinal) : throw new InvalidOperationException("fixture text not found: " + find));

    private static Func<TestRepository, byte[]> CardWith(string find, string replace) =>
        Text(r => r.CertifiedCard(TestRepository.ModelId, r.Date(10)).Replace(find, replace, StringComparison.Ordinal));

    private static Func<TestRepository, byte[]> EvalWith(string find, string replace) =>
        Text(r => TestRepository.AiEvalReport(r.Date(5), 4.5).Replace(find, replace, StringComparison.Ordinal));

    private static Func<TestRepository, byte[]> Latin1(Func<TestRepository, string> text) =>
        r => Encoding.Latin1.GetBytes(text(r));

    private static readonly string Exceptions = "\"exceptions\": []";

    public static TheoryData<Case> Cases() => new(PlainCases().Concat(GovernanceCases()));

    private static IEnumerable<Case> PlainCases() =>
    [
        // shiftleft.json (SL1005)
        new("policy truncated", Policy, Text(_ => TestRepository.GreenPolicy.Substring(0, TestRepository.GreenPolicy.IndexOf("\"model\"", StringComparison.Ordinal))), RuleIds.PolicyInvalid, End, "is not valid JSON"),
        new("policy empty", Policy, Text(_ => "  \n"), RuleIds.PolicyInvalid, null, "is empty") { Line = 1 },
        new("policy UTF-16", Policy, _ => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(TestRepository.GreenPolicy)], RuleIds.PolicyInvalid, null, "Save it as UTF-8") { Line = 1 },
        new("policy NUL bytes", Policy, _ => [.. Encoding.UTF8.GetBytes(TestRepository.GreenPolicy), 0, 0], RuleIds.PolicyInvalid, End, "NUL byte"),
        new("policy Latin-1", Policy, Latin1(_ => TestRepository.GreenPolicy.Replace("team-support", "équipe-support", StringComparison.Ordinal)), RuleIds.PolicyInvalid, "\"owner\"", "not valid UTF-8"),
        new("policy huge", Policy, _ => Encoding.UTF8.GetBytes("{ \"systems\": [], \"x\": \"" + new string('a', 1_100_000) + "\" }"), RuleIds.PolicyInvalid, null, "limit") { Line = 0 },
        new("policy root is an array", Policy, Text(_ => "[ { \"systems\": [] } ]"), RuleIds.PolicyInvalid, null, "top level") { Line = 1 },
        new("policy nested too deep", Policy, Text(_ => "{ \"systems\": [], \"x\": " + new string('[', 200) + new string(']', 200) + " }"), RuleIds.PolicyInvalid, null, "is not valid JSON") { Line = 1 },
        new("policy duplicate key", Policy, PolicyWith("\"riskTier\": \"high\",", "\"riskTier\": \"minimal\",\n    \"riskTier\": \"high\","), RuleIds.PolicyInvalid, "\"riskTier\": \"high\"", "twice in the same object"),
        new("policy number out of range", Policy, PolicyWith("\"maxEvidenceAgeDays\": 90", "\"maxEvidenceAgeDays\": 1e400"), RuleIds.PolicyInvalid, "1e400", "outside the range"),
        new("riskTier wrong type", Policy, PolicyWith("\"riskTier\": \"high\"", "\"riskTier\": 3"), RuleIds.PolicyInvalid, "\"riskTier\": 3", "/systems/0/riskTier"),
        new("unknown tier", Policy, PolicyWith("\"riskTier\": \"high\"", "\"riskTier\": \"extreme\""), RuleIds.PolicyInvalid, "\"riskTier\": \"extreme\"", "unknown riskTier 'extreme'"),
        new("tier requires an unknown kind", Policy, PolicyWith("\"high\": { \"maxEvidenceAgeDays\": 90 }", "\"high\": { \"requires\": [\"modelCard\", \"horoscope\"] }"), RuleIds.PolicyInvalid, "\"horoscope\"", "nor declared under \"customKinds\""),
        new("tier requires a miscased kind", Policy, PolicyWith("\"high\": { \"maxEvidenceAgeDays\": 90 }", "\"high\": { \"requires\": [\"modelcard\"] }"), RuleIds.PolicyInvalid, "\"modelcard\"", "did you mean 'modelCard'"),
        new("evidence of an undeclared kind", Policy, PolicyWith("\"oversightPlan\": \"docs/ai/support/oversight-plan.md\"", "\"oversightPlan\": \"docs/ai/support/oversight-plan.md\", \"dpia\": \"docs/ai/support/oversight-plan.md\""), RuleIds.PolicyInvalid, "\"dpia\"", "declares evidence 'dpia'"),
        new("threshold in words", Policy, PolicyWith("\">= 4\"", "\"at least 4\""), RuleIds.PolicyInvalid, "at least 4", "is not a comparison"),
        new("threshold without number", Policy, PolicyWith("\">= 4\"", "\">= four\""), RuleIds.PolicyInvalid, ">= four", "is not a comparison"),
        new("threshold infinite", Policy, PolicyWith("\">= 4\"", "\">= 1e400\""), RuleIds.PolicyInvalid, "1e400", "is not a comparison"),
        new("threshold huge", Policy, PolicyWith("\">= 4\"", "\">= " + new string('9', 200_000) + "\""), RuleIds.PolicyInvalid, ">= 999", "is not a comparison"),
        new("threshold not a string", Policy, PolicyWith("\">= 4\"", "4"), RuleIds.PolicyInvalid, "\"groundedness\": 4", "/thresholds/groundedness"),
        new("threshold names no metric", Policy, PolicyWith("\"groundedness\": \">= 4\"", "\"evaluation:\": \">= 4\""), RuleIds.PolicyInvalid, "\"evaluation:\"", "names no metric"),
        new("threshold scoped to undeclared evidence", Policy, PolicyWith("\"tiers\":", "\"customKinds\": { \"dpia\": {} },\n  \"tiers\":").Then(PolicyTextWith("\"groundedness\": \">= 4\"", "\"dpia:score\": \">= 1\"")), RuleIds.PolicyInvalid, "\"dpia:score\"", "declares no 'dpia' evidence"),
        new("project glob matches nothing", Policy, PolicyWith("src/Support/*.csproj", "src/Nope/*.csproj"), RuleIds.PolicyInvalid, "src/Nope/*.csproj", "matches no file"),
        new("project glob absolute", Policy, PolicyWith("src/Support/*.csproj", "/src/Support/*.csproj"), RuleIds.PolicyInvalid, "/src/Support/*.csproj", "absolute path"),
        new("project glob climbs out", Policy, PolicyWith("src/Support/*.csproj", "../src/*.csproj"), RuleIds.PolicyInvalid, "../src/*.csproj", "'..'"),
        new("project glob with braces", Policy, PolicyWith("src/Support/*.csproj", "src/{Support,Other}/*.csproj"), RuleIds.PolicyInvalid, "{Support,Other}", "not supported"),
        new("prompt glob matches nothing", Policy, PolicyWith("src/Support/Prompts/**/*.txt", "src/Support/Prompts/**/*.prompty"), RuleIds.PolicyInvalid, "*.prompty", "matches no file"),
        new("misspelt top-level property", Policy, PolicyWith(Exceptions, "\"exeptions\": []"), RuleIds.PolicyInvalid, "\"exeptions\"", "'exeptions' is not allowed"),
        new("system without owner", Policy, PolicyWith("\"owner\": \"team-support\",", ""), RuleIds.PolicyInvalid, "\"systems\": [{", "owner"),
        new("duplicate system", Policy, PolicyWith("}],\n  \"tiers\"", "}, { \"name\": \"support-assistant\", \"owner\": \"x\", \"riskTier\": \"minimal\", \"projects\": [\"src/Support/*.csproj\"] }],\n  \"tiers\""), RuleIds.PolicyInvalid, "\"owner\": \"x\"", "declared twice"),
        new("max age zero", Policy, PolicyWith("\"maxEvidenceAgeDays\": 90", "\"maxEvidenceAgeDays\": 0"), RuleIds.PolicyInvalid, "\"maxEvidenceAgeDays\": 0", "/tiers/high/maxEvidenceAgeDays"),
        new("max age beyond a century", Policy, PolicyWith("\"maxEvidenceAgeDays\": 90", "\"maxEvidenceAgeDays\": 1e10"), RuleIds.PolicyInvalid, "1e10", "/tiers/high/maxEvidenceAgeDays"),
        new("max age in words", Policy, PolicyWith("\"maxEvidenceAgeDays\": 90", "\"maxEvidenceAgeDays\": \"ninety\""), RuleIds.PolicyInvalid, "\"ninety\"", "/tiers/high/maxEvidenceAgeDays"),
        new("custom tier without requires", Policy, PolicyWith("\"tiers\": { \"high\": { \"maxEvidenceAgeDays\": 90 } }", "\"tiers\": { \"critical\": { \"maxEvidenceAgeDays\": 30 } }"), RuleIds.PolicyInvalid, "\"critical\"", "declares no 'requires'"),
        new("evidence path absolute", Policy, PolicyWith("\"docs/ai/support/data-sheet.md\"", "\"/etc/data-sheet.md\""), RuleIds.PolicyInvalid, "/etc/data-sheet.md", "absolute path"),
        new("evidence path climbs out", Policy, PolicyWith("\"docs/ai/support/data-sheet.md\"", "\"../../outside.md\""), RuleIds.PolicyInvalid, "../../outside.md", "climbs out"),
        new("evidence path to /etc/passwd", Policy, PolicyWith("\"docs/ai/support/data-sheet.md\"", "\"../../../../etc/passwd\""), RuleIds.PolicyInvalid, "etc/passwd", "climbs out"),
        new("evidence path is a glob", Policy, PolicyWith("\"docs/ai/support/data-sheet.md\"", "\"docs/ai/support/*.md\""), RuleIds.PolicyInvalid, "docs/ai/support/*.md", "is a glob"),
        new("evidence path with backslashes", Policy, PolicyWith("\"docs/ai/support/data-sheet.md\"", "\"docs\\\\ai\\\\data-sheet.md\""), RuleIds.PolicyInvalid, "docs\\\\ai", "backslash"),
        new("evidence path with a control character", Policy, PolicyWith("\"docs/ai/support/data-sheet.md\"", "\"docs/ai/data\\nsheet.md\""), RuleIds.PolicyInvalid, "data\\nsheet", "control character"),
        new("evidence path names a stamp", Policy, PolicyWith("\"eval/support/results.json\"", "\"eval/support/results.json.shiftleft-stamp.json\""), RuleIds.PolicyInvalid, "results.json.shiftleft-stamp.json", "stamp sidecar"),
        new("evidence object without path", Policy, PolicyWith("\"evaluation\": \"eval/support/results.json\"", "\"evaluation\": { \"execution\": \"20261120\" }"), RuleIds.PolicyInvalid, "\"execution\"", "/systems/0/evidence/evaluation"),
        new("model provider mapped to nothing", Policy, PolicyWith("\"promptFiles\"", "\"providers\": { \"file://provider.js\": \"\" }, \"promptFiles\""), RuleIds.PolicyInvalid, "\"providers\"", "/systems/0/model/providers"),
        new("exception impossible date", Policy, PolicyWith(Exceptions, "\"exceptions\": [{ \"system\": \"support-assistant\", \"requirement\": \"redTeam\", \"reason\": \"r\", \"approvedBy\": \"ciso\", \"expires\": \"2027-02-30\" }]"), RuleIds.PolicyInvalid, "2027-02-30", "not a real calendar date"),
        new("exception date format", Policy, PolicyWith(Exceptions, "\"exceptions\": [{ \"system\": \"support-assistant\", \"requirement\": \"redTeam\", \"reason\": \"r\", \"approvedBy\": \"ciso\", \"expires\": \"31/01/2027\" }]"), RuleIds.PolicyInvalid, "31/01/2027", "/exceptions/0/expires"),
        new("exception unknown system", Policy, PolicyWith(Exceptions, "\"exceptions\": [{ \"system\": \"billing\", \"requirement\": \"redTeam\", \"reason\": \"r\", \"approvedBy\": \"ciso\", \"expires\": \"2027-01-31\" }]"), RuleIds.PolicyInvalid, "\"billing\"", "not declared"),
        new("exception for unrequired artifact", Policy, PolicyWith(Exceptions, "\"exceptions\": [{ \"system\": \"support-assistant\", \"requirement\": \"dpia\", \"reason\": \"r\", \"approvedBy\": \"ciso\", \"expires\": \"2027-01-31\" }]"), RuleIds.PolicyInvalid, "\"dpia\"", "does not require"),
        new("exception without approver", Policy, PolicyWith(Exceptions, "\"exceptions\": [{ \"system\": \"support-assistant\", \"requirement\": \"redTeam\", \"reason\": \"r\", \"expires\": \"2027-01-31\" }]"), RuleIds.PolicyInvalid, "\"requirement\": \"redTeam\"", "approvedBy"),
        new("prompt file is a FIFO", "src/Support/Prompts/pipe.txt", null, RuleIds.PolicyInvalid, null, "a FIFO") { Setup = r => MakeFifo(r, "src/Support/Prompts/pipe.txt"), At = Policy, Line = 7 },
        new("prompt file links out of the repository", "src/Support/Prompts/passwd.txt", null, RuleIds.PolicyInvalid, null, "outside the repository") { Setup = r => File.CreateSymbolicLink(r.FullPath("src/Support/Prompts/passwd.txt"), "/etc/passwd"), At = Policy, Line = 7 },

        // Evidence artifacts (SL1002)
        new("model card without front matter", Card, Text(_ => "# Card\n## Model details\nx\n"), RuleIds.ArtifactInvalid, "# Card", "no YAML front matter"),
        new("model card front matter never closed", Card, Text(r => r.CertifiedCard(TestRepository.ModelId, r.Date(10)).Replace("\n---\n# Support", "\n# Support", StringComparison.Ordinal)), RuleIds.ArtifactInvalid, null, "never closed") { Line = 1 },
        new("model card broken YAML", Card, CardWith("license: proprietary", "license: a: b"), RuleIds.ArtifactInvalid, "license: a: b", "cannot be parsed"),
        new("model card duplicate YAML key", Card, CardWith("license: proprietary", "license: proprietary\nlicense: mit"), RuleIds.ArtifactInvalid, "license: mit", "cannot be parsed"),
        new("model card YAML nested too deep", Card, CardWith("license: proprietary", "license: " + new string('[', 100_000) + new string(']', 100_000)), RuleIds.ArtifactInvalid, "license: [[", "nests lists or maps"),
        new("model card front matter is a list", Card, Text(_ => "---\n- a\n- b\n---\n# Card\n"), RuleIds.ArtifactInvalid, "- a", "not a mapping"),
        new("model card names no model", Card, Text(r => r.CertifiedCard(TestRepository.ModelId, r.Date(10)).Replace("model_id: gpt-4o-2024-08-06\n", string.Empty, StringComparison.Ordinal)), RuleIds.ArtifactInvalid, "last_reviewed", "names no model"),
        new("model card missing section", Card, CardWith("## Limitations\nMay confabulate.\n", ""), RuleIds.ArtifactInvalid, "## Evaluation", "'Limitations'"),
        new("model card bad date", Card, CardWith("last_reviewed: ", "last_reviewed: yesterday #"), RuleIds.ArtifactInvalid, "last_reviewed:", "is not a date"),
        new("model card Latin-1", Card, Latin1(r => r.CertifiedCard(TestRepository.ModelId, r.Date(10)).Replace("May confabulate.", "Peut inventer des réponses.", StringComparison.Ordinal)), RuleIds.ArtifactInvalid, "Peut inventer", "not valid UTF-8"),
        new("model card Markdown nested too deep", Card, CardWith("May confabulate.", new string('>', 100_000) + " x"), RuleIds.ArtifactInvalid, null, "cannot be read as Markdown") { Line = 7 },
        new("model card template placeholder", Card, CardWith("GPT-4o via Azure OpenAI.", "TODO(shiftleft): describe the model"), RuleIds.ArtifactInvalid, "TODO(shiftleft)", "ShiftLeftStampEvidence"),
        new("data sheet missing sections", DataSheet, Text(r => $"---\nlast_reviewed: {r.Date(3)}\n---\n# Data\n## Motivation\nx\n"), RuleIds.ArtifactInvalid, "## Motivation", "'Composition'"),
        new("evaluation truncated", Eval, Text(r => TestRepository.AiEvalReport(r.Date(5), 4.5).Substring(0, 200)), RuleIds.ArtifactInvalid, End, "is not valid JSON"),
        new("evaluation unknown format", Eval, Text(_ => "{ \"score\": 4.5 }"), RuleIds.ArtifactInvalid, "{ \"score\"", "no known evaluation format"),
        new("evaluation UTF-16", Eval, r => [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(TestRepository.AiEvalReport(r.Date(5), 4.5))], RuleIds.ArtifactInvalid, null, "UTF-16") { Line = 1 },
        new("evaluation Latin-1", Eval, Latin1(r => TestRepository.AiEvalReport(r.Date(5), 4.5).Replace("Support.Answers", "Support.Réponses", StringComparison.Ordinal)), RuleIds.ArtifactInvalid, "Support.R", "not valid UTF-8"),
        new("evaluation duplicate keys", Eval, EvalWith("\"value\": 4.5,", "\"value\": 0.1, \"value\": 4.99,"), RuleIds.ArtifactInvalid, "\"value\": 0.1", "twice in the same object"),
        new("evaluation number beyond a double", Eval, EvalWith("\"value\": 4.5,", "\"value\": 1e400,"), RuleIds.ArtifactInvalid, "1e400", "outside the range"),
        new("evaluation 400-digit number", Eval, EvalWith("\"value\": 4.5,", "\"value\": 1" + new string('0', 400) + ","), RuleIds.ArtifactInvalid, "\"value\": 1000", "outside the range"),
        new("evaluation lone surrogate", Eval, EvalWith("\"scenarioName\": \"Support.Answers\"", "\"scenarioName\": \"Support.Answers\\ud800\""), RuleIds.ArtifactInvalid, "Support.Answers\\ud800", "lone surrogate"),
        new("aieval runs not an array", Eval, Text(_ => "{ \"scenarioRunResults\": { \"a\": 1 } }"), RuleIds.ArtifactInvalid, "{ \"a\": 1 }", "must be an array"),
        new("aieval run without executionName", Eval, EvalWith("\"executionName\": \"20261120\",", string.Empty), RuleIds.ArtifactInvalid, "{\n  \"scenarioName\"", "no executionName"),
        new("aieval execution the policy names is absent", Policy, PolicyWith("\"evaluation\": \"eval/support/results.json\"", "\"evaluation\": { \"path\": \"eval/support/results.json\", \"execution\": \"20991231\" }"), RuleIds.ArtifactInvalid, null, "no execution '20991231'") { At = Eval, Line = 1 },
        new("aieval creationTime not a date", Eval, Text(r => TestRepository.AiEvalReport(r.Date(5), 4.5).Replace(r.Date(5) + "T08:00:00Z", "last tuesday", StringComparison.Ordinal)), RuleIds.ArtifactInvalid, "last tuesday", "not a valid date"),
        new("shiftleft format value is text", Eval, Text(r => $"{{ \"format\": \"shiftleft-evaluation\", \"date\": \"{r.Date(2)}\",\n  \"metrics\": [ {{ \"name\": \"groundedness\", \"value\": \"high\" }} ] }}"), RuleIds.ArtifactInvalid, "\"value\": \"high\"", "/metrics/0/value"),
        new("shiftleft format without date", Eval, Text(_ => "{ \"format\": \"shiftleft-evaluation\",\n  \"metrics\": [] }"), RuleIds.ArtifactInvalid, "{ \"format\"", "date"),
        new("promptfoo without results array", RedTeam, Text(r => $"{{ \"results\": {{ \"timestamp\": \"{r.Date(3)}\", \"stats\": {{}} }} }}"), RuleIds.ArtifactInvalid, "{ \"results\"", "no results.results array"),
        new("promptfoo failureReason contradicts success", RedTeam, Text(r => TestRepository.PromptfooReport(r.Date(5), 0.0).Replace("\"failureReason\": 0 },", "\"failureReason\": 1 },", StringComparison.Ordinal)), RuleIds.ArtifactInvalid, "\"failureReason\": 1", "contradicts its 'success'"),
        new("promptfoo stats disagree with results", RedTeam, Text(r => TestRepository.PromptfooReport(r.Date(5), 0.0).Replace("\"failures\": 0", "\"failures\": 7", StringComparison.Ordinal)), RuleIds.ArtifactInvalid, "\"failures\": 7", "edited or truncated"),
        new("risk register bad enum", Register, Text(r => TestRepository.RiskRegister("support-assistant", r.Date(3)).Replace("\"likelihood\": \"medium\"", "\"likelihood\": \"very\"", StringComparison.Ordinal)), RuleIds.ArtifactInvalid, "\"very\"", "/risks/0/likelihood"),
        new("evaluation huge", Eval, null, RuleIds.ArtifactInvalid, null, "limit") { Setup = r => { using var stream = File.Create(r.FullPath(Eval)); stream.SetLength(65L * 1024 * 1024); }, Line = 0 },
        new("evaluation is a directory", Eval, null, RuleIds.ArtifactInvalid, null, "it is a directory") { Setup = r => { r.Delete(Eval); Directory.CreateDirectory(r.FullPath(Eval)); }, Line = 0 },
        new("evaluation is a FIFO", Eval, null, RuleIds.ArtifactInvalid, null, "a FIFO") { Setup = r => { r.Delete(Eval); MakeFifo(r, Eval); }, Line = 0 },
        new("evaluation links to /dev/zero", Eval, null, RuleIds.ArtifactInvalid, null, "outside the repository") { Setup = r => Link(r, Eval, "/dev/zero"), Line = 0 },
        new("evaluation links out of the repository", Eval, null, RuleIds.ArtifactInvalid, null, "leads to '/etc/passwd'") { Setup = r => Link(r, Eval, "/etc/passwd"), Line = 0 },
        new("evaluation link loop", Eval, null, RuleIds.ArtifactInvalid, null, "never ends") { Setup = r => Link(r, Eval, "results.json"), Line = 0 },
        new("evaluation dangling link", Eval, null, RuleIds.ArtifactInvalid, null, "does not exist") { Setup = r => Link(r, Eval, "gone.json"), Line = 0 },
        new("evidence folder links out of the repository", "docs/shared/data-sheet.md", null, RuleIds.ArtifactInvalid, null, "outside the repository")
        {
            Setup = r =>
            {
                r.Write(Policy, TestRepository.GreenPolicy.Replace("docs/ai/support/data-sheet.md", "docs/shared/data-sheet.md", StringComparison.Ordinal));
                Directory.CreateSymbolicLink(r.FullPath("docs/shared"), "/etc");
            },
            Line = 0,
        },
        new("stamp is not JSON", Stamp, Text(_ => "sha256=abc"), RuleIds.ArtifactInvalid, "sha256=abc", "is not valid JSON"),

        // Metrics (SL1003), staleness (SL1004), presence (SL1001)
        new("judge error diagnostic", Eval, EvalWith("\"diagnostics\": [], \"interpretation\"", "\"diagnostics\": [ { \"severity\": \"error\", \"message\": \"judge timed out\" } ], \"interpretation\""), RuleIds.MetricFailing, "\"Groundedness\": {", "judge timed out"),
        new("judge error with a multi-line message", Eval, EvalWith("\"diagnostics\": [], \"interpretation\"", "\"diagnostics\": [ { \"severity\": \"error\", \"message\": \"judge failed:\\nHTTP 429\\nretry later\" } ], \"interpretation\""), RuleIds.MetricFailing, "\"Groundedness\": {", "judge failed:\\nHTTP 429\\nretry later"),
        new("metric value missing", Eval, EvalWith("\"value\": 4.5,", "\"value\": null,"), RuleIds.MetricFailing, "\"Groundedness\": {", "no value was recorded"),
        new("metric interpreted as failed", Eval, EvalWith("\"rating\": \"good\", \"failed\": false", "\"rating\": \"poor\", \"failed\": true, \"reason\": \"Groundedness is less than 4.\""), RuleIds.MetricFailing, "\"Groundedness\": {", "interprets it as failed"),
        new("metric below threshold", Eval, Text(r => TestRepository.AiEvalReport(r.Date(5), 3.5, 3.9)), RuleIds.MetricFailing, "\"Groundedness\": {", "fails the threshold '>= 4'"),
        new("promptfoo errored case under an upper bound", RedTeam, Text(r => TestRepository.PromptfooReport(r.Date(5), 0.0, "rate limited")), RuleIds.MetricFailing, "\"failureReason\": 2", "rate limited"),
        new("red team over defect rate", RedTeam, Text(r => TestRepository.PromptfooReport(r.Date(5), 0.2)), RuleIds.MetricFailing, "\"provider\"", "fails the threshold '<= 0.01'"),
        new("scoped metric absent", Policy, PolicyWith("\"violence.defect_rate\": \"<= 0.01\"", "\"redTeam:groundedness\": \">= 4\""), RuleIds.MetricFailing, "\"redTeam:groundedness\"", "is absent from the evidence"),
        new("evaluation too old", Eval, Text(r => TestRepository.AiEvalReport(r.Date(120), 4.5)), RuleIds.EvidenceStale, "T08:00:00Z", "120 days old"),
        new("evaluation not stamped", Stamp, null, RuleIds.EvidenceStale, null, "does not say which model") { Setup = r => r.Delete(Stamp), At = Eval, Line = 1 },
        new("stamp for other content", Stamp, Text(r => System.Text.RegularExpressions.Regex.Replace(r.Read(Stamp), "\"sha256\": \"[0-9a-f]{64}\"", "\"sha256\": \"" + new string('0', 64) + "\"")), RuleIds.EvidenceStale, "\"sha256\"", "certifies other content"),
        new("stamp for other prompts", Stamp, Text(r => r.Read(Stamp).Replace(r.PromptHash(), "sha256:" + new string('1', 64), StringComparison.Ordinal)), RuleIds.EvidenceStale, "\"promptHash\"", "produced against other prompts"),
        new("model card certifies another model", Card, Text(r => r.CertifiedCard("gpt-4-0613", r.Date(10))), RuleIds.EvidenceStale, "gpt-4-0613", "certifies model 'gpt-4-0613'"),
        new("model card prompt hash outdated", Card, Text(r => TestRepository.ModelCard(TestRepository.ModelId, r.Date(10), "prompt_hash: sha256:" + new string('0', 64) + "\n")), RuleIds.EvidenceStale, "prompt_hash", "certifies prompt set"),
        new("model card without prompt hash", Card, Text(r => TestRepository.ModelCard(TestRepository.ModelId, r.Date(10))), RuleIds.EvidenceStale, "---", "does not say which prompt set"),
        new("model card dated in the future", Card, Text(r => r.CertifiedCard(TestRepository.ModelId, r.Date(-30))), RuleIds.EvidenceStale, "last_reviewed", "in the future"),
        new("risk register lacks the system", Register, Text(r => TestRepository.RiskRegister("billing-bot", r.Date(3))), RuleIds.ArtifactMissing, "{", "no entry for system 'support-assistant'"),
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Malformed_input_gives_its_precise_error(Case testCase)
    {
        using var portal = new PortalSigner();
        using var repository = testCase.Governed ? new TestRepository().WithGovernedSystem(portal) : new TestRepository().WithGreenSystem();
        byte[] bytes = [];
        if (testCase.Setup is { } setup)
        {
            setup(repository);
        }
        else
        {
            bytes = testCase.Content!(repository);
            repository.WriteBytes(testCase.File, bytes);
            if (testCase.File is Eval or RedTeam && testCase.Code != RuleIds.ArtifactInvalid)
            {
                // The reviewer stamped the new results, so only the problem under test remains.
                repository.Stamp(testCase.File);
            }
        }

        if (testCase.Governed && testCase.File != SignOff && repository.Evaluate().Report is not null)
        {
            // The portal signs off the changed evidence, so only the problem under test remains.
            repository.SignOff(portal);
        }

        var result = repository.Evaluate();

        var errors = result.Diagnostics.Where(d => d.Level == DiagnosticLevel.Error).ToList();
        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.Equal(testCase.Code, e.Code));
        var error = errors.FirstOrDefault(e => e.Message.Contains(testCase.MessageFragment, StringComparison.Ordinal));
        Assert.True(error is not null, $"no {testCase.Code} mentions '{testCase.MessageFragment}'; got: {string.Join(" | ", errors)}");
        Assert.Equal(testCase.At ?? testCase.File, error.Location.File);
        // A finding says what is wrong, then what to do: a second sentence.
        Assert.Matches(@"\. [A-Z(`].*[.)`]$", error.Message);
        Assert.DoesNotContain("   at ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        var expectedLine = testCase.LineOf switch
        {
            null => testCase.Line ?? throw new InvalidOperationException("each case names its line"),
            End => Encoding.UTF8.GetString(bytes).TrimEnd('\0').Count(c => c == '\n') + 1,
            _ => LineOf(bytes.Length > 0 ? bytes : repository.ReadBytes(testCase.At ?? testCase.File), testCase.LineOf),
        };
        Assert.True(expectedLine == error.Location.Line, $"expected line {expectedLine}, got {error}");
        Assert.Equal(expectedLine > 0, error.Location.Column > 0);
    }

    [Fact]
    public void Catalogue_has_at_least_sixty_cases() => Assert.True(Cases().Count >= 60, $"{Cases().Count} cases");

    private static int LineOf(byte[] content, string snippet)
    {
        var text = Encoding.Latin1.GetString(content);
        var index = text.IndexOf(snippet, StringComparison.Ordinal);
        Assert.True(index >= 0, $"snippet '{snippet}' not in the case content");
        return text.Substring(0, index).Count(c => c == '\n') + 1;
    }

    private static void MakeFifo(TestRepository repository, string relative)
    {
        using var mkfifo = Process.Start("mkfifo", repository.FullPath(relative))!;
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
    }

    private static void Link(TestRepository repository, string relative, string target)
    {
        repository.Delete(relative);
        File.CreateSymbolicLink(repository.FullPath(relative), target);
    }

    private static Func<TestRepository, byte[]> PolicyTextWith(string find, string replace) =>
        r => Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(r.ReadBytes(Policy)).Replace(find, replace, StringComparison.Ordinal));
}

/// <summary>Composes content functions: the second sees the first's result on disk.</summary>
internal static class CaseContent
{
    public static Func<TestRepository, byte[]> Then(this Func<TestRepository, byte[]> first, Func<TestRepository, byte[]> second) => r =>
    {
        r.WriteBytes("shiftleft.json", first(r));
        return second(r);
    };
}
