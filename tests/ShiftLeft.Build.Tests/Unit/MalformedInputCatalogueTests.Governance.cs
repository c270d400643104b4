using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ShiftLeft.Build.Diagnostics;
using ShiftLeft.Build.Tests.Infrastructure;

namespace ShiftLeft.Build.Tests.Unit;

/// <summary>
/// The catalogue's governance inputs (issue 16): the policy's regression, fairness, key, risk-acceptance and risk-link
/// sections, the accepted baseline, the sign-off record, approved-exception records, and cohort labels. Each breaks
/// the governed green system (<see cref="TestRepository.WithGovernedSystem"/>) in one way; the evidence is signed
/// off again afterwards unless the sign-off itself is under test, so exactly the problem under test remains.
/// </summary>
public sealed partial class MalformedInputCatalogueTests
{
    private const string Baseline = "shiftleft-baseline.json";
    private const string SignOff = TestRepository.SignOffPath;
    private const string ExceptionRecord = "governance/exceptions/red-team.json";

    private static Func<TestRepository, byte[]> GovernedPolicyWith(string find, string replace) =>
        Text(r => r.Read(Policy).Contains(find, StringComparison.Ordinal) ? r.Read(Policy).Replace(find, replace, StringComparison.Ordinal) : throw new InvalidOperationException("policy text not found: " + find));

    private static Func<TestRepository, byte[]> Json(string file, Action<JsonNode, TestRepository> edit) => r =>
    {
        var node = JsonNode.Parse(r.Read(file))!;
        edit(node, r);
        return Encoding.UTF8.GetBytes(node.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
    };

    private static Func<TestRepository, byte[]> Record(Func<TestRepository, string> record) => r => Encoding.UTF8.GetBytes(record(r));

    private static string RedTeamException(TestRepository r, string requestedBy = "dana@example.com", string approvedBy = "ciso@example.com", int days = 60) =>
        r.Portal!.Exception("support-assistant", "redTeam", requestedBy, approvedBy, r.Now.AddDays(-3), DateOnly.FromDateTime(r.Now.AddDays(days).UtcDateTime));

    private static readonly string P384Key = Convert.ToBase64String(ECDsa.Create(ECCurve.NamedCurves.nistP384).ExportSubjectPublicKeyInfo());

    private static IEnumerable<Case> GovernanceCases() =>
    [
        // shiftleft.json (SL1005)
        new("regression allowance in words", Policy, GovernedPolicyWith("\"maxRegression\": 0.5", "\"maxRegression\": \"half\""), RuleIds.PolicyInvalid, "\"half\"", "maxRegression") { Governed = true },
        new("regression allowance above 100%", Policy, GovernedPolicyWith("\"maxRegression\": 0.5", "\"maxRegression\": \"150%\""), RuleIds.PolicyInvalid, "\"150%\"", "not a percentage from 0% to 100%") { Governed = true },
        new("regression allowance negative", Policy, GovernedPolicyWith("\"maxRegression\": 0.5", "\"maxRegression\": -0.5"), RuleIds.PolicyInvalid, "-0.5", "maxRegression") { Governed = true },
        new("regression minSamples of one", Policy, GovernedPolicyWith("\"minSamples\": 2", "\"minSamples\": 1"), RuleIds.PolicyInvalid, "\"minSamples\": 1", "minSamples") { Governed = true },
        new("regression without a direction", Policy, GovernedPolicyWith("\"regression\": { \"evaluation:groundedness\"", "\"regression\": { \"evaluation:coherence\""), RuleIds.PolicyInvalid, "\"evaluation:coherence\"", "cannot tell whether a higher or a lower value is better") { Governed = true },
        new("regression direction contradicts the threshold", Policy, GovernedPolicyWith("\"minSamples\": 2 }", "\"minSamples\": 2, \"better\": \"lower\" }"), RuleIds.PolicyInvalid, "\"better\": \"lower\"", "says the opposite") { Governed = true },
        new("regression names no metric", Policy, GovernedPolicyWith("\"regression\": { \"evaluation:groundedness\"", "\"regression\": { \"evaluation:\""), RuleIds.PolicyInvalid, "\"evaluation:\"", "names no metric") { Governed = true },
        new("fairness worst-cohort minimum on a lower-is-better metric", Policy, GovernedPolicyWith("\"metric\": \"evaluation:groundedness\", \"attribute\": \"language\", \"maxGap\": 1, \"minCohortSize\": 1 }", "\"metric\": \"redTeam:violence.defect_rate\", \"attribute\": \"language\", \"maxGap\": 1, \"minCohortSize\": 1, \"worstCohortMin\": 0.1 }"), RuleIds.PolicyInvalid, "\"worstCohortMin\"", "Use worstCohortMax instead") { Governed = true },
        new("fairness attribute with a separator", Policy, GovernedPolicyWith("\"attribute\": \"language\"", "\"attribute\": \"language:en\""), RuleIds.PolicyInvalid, "\"language:en\"", "/systems/0/fairness/attribute") { Governed = true },
        new("fairness gap negative", Policy, GovernedPolicyWith("\"maxGap\": 1", "\"maxGap\": -1"), RuleIds.PolicyInvalid, "\"maxGap\": -1", "/systems/0/fairness/maxGap") { Governed = true },
        new("fairness rule without minCohortSize", Policy, GovernedPolicyWith(", \"minCohortSize\": 1", string.Empty), RuleIds.PolicyInvalid, "\"fairness\"", "minCohortSize") { Governed = true },
        new("fairness list with a misspelt key", Policy, GovernedPolicyWith("\"fairness\": { \"metric\"", "\"fairness\": [{ \"metrik\": \"x\" }, { \"metric\"").Then(PolicyTextWith("\"minCohortSize\": 1 }", "\"minCohortSize\": 1 }]")), RuleIds.PolicyInvalid, "\"metrik\"", "'metrik' is not allowed") { Governed = true },
        new("trusted key that is no key", Policy, r => GovernedPolicyWith(r.Portal!.PublicKey, "bm90IGEga2V5")(r), RuleIds.PolicyInvalid, "bm90IGEga2V5", "it is not an EC public key") { Governed = true },
        new("trusted key in words", Policy, r => GovernedPolicyWith(r.Portal!.PublicKey, "the portal's key")(r), RuleIds.PolicyInvalid, "the portal's key", "neither base64 nor a PEM block") { Governed = true },
        new("trusted key on another curve", Policy, r => GovernedPolicyWith(r.Portal!.PublicKey, P384Key)(r), RuleIds.PolicyInvalid, P384Key.Substring(0, 20), "on another curve") { Governed = true },
        new("trusted key id twice", Policy, r => GovernedPolicyWith(r.Portal!.TrustedKeyJson, r.Portal.TrustedKeyJson + ", " + r.Portal.TrustedKeyJson)(r), RuleIds.PolicyInvalid, "\"trustedKeys\"", "declared twice") { Governed = true },
        new("sign-off required without trusted keys", Policy, r => GovernedPolicyWith("\"trustedKeys\": [ " + r.Portal!.TrustedKeyJson + " ],", string.Empty).Then(PolicyTextWith("\"records\": [\"governance/exceptions/*.json\"]", "\"records\": []"))(r), RuleIds.PolicyInvalid, "\"signOff\"]", "lists no trustedKeys") { Governed = true },
        new("exception records without trusted keys", Policy, r => GovernedPolicyWith("\"trustedKeys\": [ " + r.Portal!.TrustedKeyJson + " ],", string.Empty).Then(PolicyTextWith(", \"signOff\"]", "]"))(r), RuleIds.PolicyInvalid, "\"records\"", "no trustedKeys to verify their signatures") { Governed = true },
        new("exception days zero", Policy, GovernedPolicyWith("\"maxExceptionDays\": 180", "\"maxExceptionDays\": 0"), RuleIds.PolicyInvalid, "\"maxExceptionDays\": 0", "/riskAcceptance/maxExceptionDays") { Governed = true },
        new("exception records glob absolute", Policy, GovernedPolicyWith("\"governance/exceptions/*.json\"", "\"/etc/*.json\""), RuleIds.PolicyInvalid, "/etc/*.json", "absolute path") { Governed = true },
        new("unsigned exceptions maybe", Policy, GovernedPolicyWith("\"fourEyes\": true", "\"fourEyes\": true, \"unsignedExceptions\": \"maybe\""), RuleIds.PolicyInvalid, "\"maybe\"", "/riskAcceptance/unsignedExceptions") { Governed = true },
        new("four-eyes exception without requester", Policy, GovernedPolicyWith(Exceptions, "\"exceptions\": [{ \"system\": \"support-assistant\", \"requirement\": \"redTeam\", \"reason\": \"r\", \"approvedBy\": \"ciso\", \"approvedAt\": \"2026-11-20\", \"expires\": \"2027-01-31\" }]"), RuleIds.PolicyInvalid, "\"requirement\": \"redTeam\"", "has no requestedBy") { Governed = true },
        new("exception approval date impossible", Policy, GovernedPolicyWith(Exceptions, "\"exceptions\": [{ \"system\": \"support-assistant\", \"requirement\": \"redTeam\", \"reason\": \"r\", \"requestedBy\": \"dev\", \"approvedBy\": \"ciso\", \"approvedAt\": \"2026-02-30\", \"expires\": \"2027-01-31\" }]"), RuleIds.PolicyInvalid, "2026-02-30", "not a real calendar date") { Governed = true },
        new("risk link to no register entry", Policy, GovernedPolicyWith("\"SL1003\": [\"R-1\"]", "\"SL1003\": [\"R-404\"]"), RuleIds.PolicyInvalid, "\"SL1003\"", "Risk id 'R-404'") { Governed = true },
        new("risk link without ids", Policy, GovernedPolicyWith("\"SL1003\": [\"R-1\"]", "\"SL1003\": []"), RuleIds.PolicyInvalid, "\"SL1003\": []", "/systems/0/risks/SL1003") { Governed = true },
        new("baseline confidence above one", Policy, GovernedPolicyWith("\"trustedKeys\"", "\"baseline\": { \"confidence\": 1.5 },\n  \"trustedKeys\""), RuleIds.PolicyInvalid, "1.5", "/baseline/confidence") { Governed = true },
        new("baseline path climbs out", Policy, GovernedPolicyWith("\"trustedKeys\"", "\"baseline\": { \"path\": \"../baseline.json\" },\n  \"trustedKeys\""), RuleIds.PolicyInvalid, "../baseline.json", "climbs out") { Governed = true },

        // The accepted baseline (SL1002)
        new("baseline truncated", Baseline, r => r.ReadBytes(Baseline)[..300], RuleIds.ArtifactInvalid, End, "is not valid JSON") { Governed = true },
        new("baseline duplicate key", Baseline, r => Encoding.UTF8.GetBytes(r.Read(Baseline).Replace("\"acceptedBy\":", "\"acceptedBy\": \"x\",\n      \"acceptedBy\":", StringComparison.Ordinal)), RuleIds.ArtifactInvalid, "\"acceptedBy\": \"Lena", "twice in the same object") { Governed = true },
        new("baseline Latin-1", Baseline, r => Encoding.Latin1.GetBytes(r.Read(Baseline).Replace("Lena Lead", "Léna Lead", StringComparison.Ordinal)), RuleIds.ArtifactInvalid, "L\u00e9na", "not valid UTF-8") { Governed = true },
        new("baseline mean without spread", Baseline, Json(Baseline, (n, _) => n["systems"]!["support-assistant"]!["report"]!["measurements"]![0]!["standardDeviation"] = null), RuleIds.ArtifactInvalid, "\"standardDeviation\": null", "without their standardDeviation") { Governed = true },
        new("baseline proportion with more successes than n", Baseline, Json(Baseline, (n, _) => n["systems"]!["support-assistant"]!["report"]!["measurements"]![1]!["successes"] = 3), RuleIds.ArtifactInvalid, "\"successes\": 3", "more successes than n") { Governed = true },
        new("baseline negative sample size", Baseline, Json(Baseline, (n, _) => n["systems"]!["support-assistant"]!["report"]!["measurements"]![0]!["n"] = -2), RuleIds.ArtifactInvalid, "\"n\": -2", "/measurements/0/n") { Governed = true },
        new("baseline of another system", Baseline, Json(Baseline, (n, _) => n["systems"]!["support-assistant"]!["report"]!["system"]!["name"] = "billing-bot"), RuleIds.ArtifactInvalid, "\"billing-bot\"", "is the report of system 'billing-bot'") { Governed = true },
        new("baseline without measurements", Baseline, Json(Baseline, (n, _) => n["systems"]!["support-assistant"]!["report"]!.AsObject().Remove("measurements")), RuleIds.ArtifactInvalid, "\"report\"", "measurements") { Governed = true },
        new("baseline acceptance time impossible", Baseline, Json(Baseline, (n, _) => n["systems"]!["support-assistant"]!["acceptedAt"] = "2026-02-30T10:00:00Z"), RuleIds.ArtifactInvalid, "2026-02-30", "not a real instant") { Governed = true },
        new("baseline is a FIFO", Baseline, null, RuleIds.ArtifactInvalid, null, "a FIFO") { Governed = true, Setup = r => { r.Delete(Baseline); MakeFifo(r, Baseline); }, Line = 0 },
        new("baseline links out of the repository", Baseline, null, RuleIds.ArtifactInvalid, null, "outside the repository") { Governed = true, Setup = r => Link(r, Baseline, "/etc/passwd"), Line = 0 },

        // The release sign-off record (SL1002 unreadable, SL1010 not what it claims)
        new("sign-off record truncated", SignOff, r => r.ReadBytes(SignOff)[..80], RuleIds.ArtifactInvalid, End, "is not valid JSON") { Governed = true },
        new("sign-off record without signature", SignOff, Json(SignOff, (n, _) => n.AsObject().Remove("signature")), RuleIds.ArtifactInvalid, "{", "signature") { Governed = true },
        new("sign-off record with an extra field", SignOff, Json(SignOff, (n, _) => n["approvedByBoard"] = true), RuleIds.ArtifactInvalid, "\"approvedByBoard\"", "'approvedByBoard' is not allowed") { Governed = true },
        new("sign-off record time impossible", SignOff, Json(SignOff, (n, _) => n["signedAt"] = "2026-02-30T10:00:00Z"), RuleIds.ArtifactInvalid, "2026-02-30", "not a real instant") { Governed = true },
        new("sign-off record digest not hex", SignOff, Json(SignOff, (n, _) => n["evidenceSha256"] = "sha256:abc"), RuleIds.ArtifactInvalid, "sha256:abc", "/evidenceSha256") { Governed = true },
        new("sign-off record in UTF-16", SignOff, r => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(r.Read(SignOff))], RuleIds.ArtifactInvalid, null, "UTF-16") { Governed = true, Line = 1 },
        new("sign-off signature of other bytes", SignOff, Json(SignOff, (n, _) => n["signature"] = Convert.ToBase64String(new byte[64])), RuleIds.SignatureInvalid, "\"signature\"", "does not match its signature") { Governed = true },
        new("sign-off signature not base64", SignOff, Json(SignOff, (n, _) => n["signature"] = "abc"), RuleIds.SignatureInvalid, "\"signature\"", "does not match its signature") { Governed = true },
        new("sign-off comment edited", SignOff, Json(SignOff, (n, _) => n["comment"] = "LGTM"), RuleIds.SignatureInvalid, "\"signature\"", "changed after the portal signed it") { Governed = true },
        new("sign-off by an unknown key", SignOff, Json(SignOff, (n, _) => n["keyId"] = "portal-2020"), RuleIds.SignatureInvalid, "\"keyId\"", "which trustedKeys in shiftleft.json does not list") { Governed = true },
        new("sign-off of other evidence", SignOff, Record(r => r.Portal!.SignOff("support-assistant", new string('a', 64), r.Now.AddHours(-1))), RuleIds.SignatureInvalid, "\"evidenceSha256\"", "signs other evidence") { Governed = true },
        new("sign-off of another system", SignOff, Record(r => r.Portal!.SignOff("billing-bot", r.Evaluate().Report!.EvidenceSha256!, r.Now.AddHours(-1))), RuleIds.SignatureInvalid, "\"system\"", "signs off system 'billing-bot'") { Governed = true },
        new("sign-off dated in the future", SignOff, Record(r => r.Portal!.SignOff("support-assistant", r.Evaluate().Report!.EvidenceSha256!, r.Now.AddDays(3))), RuleIds.SignatureInvalid, "\"signedAt\"", "in the future") { Governed = true },
        new("sign-off missing", SignOff, null, RuleIds.SignatureInvalid, "\"signOff\": \"governance", "does not exist") { Governed = true, Setup = r => r.Delete(SignOff), At = Policy },
        new("sign-off is a directory", SignOff, null, RuleIds.ArtifactInvalid, null, "it is a directory") { Governed = true, Setup = r => { r.Delete(SignOff); Directory.CreateDirectory(r.FullPath(SignOff)); }, Line = 0 },

        // Approved-exception records (SL1002 unreadable, SL1010 signature, SL1006 not a valid approval)
        new("exception record truncated", ExceptionRecord, r => Encoding.UTF8.GetBytes(RedTeamException(r)[..60]), RuleIds.ArtifactInvalid, End, "is not valid JSON") { Governed = true },
        new("exception record without requester", ExceptionRecord, r => Json(ExceptionRecord, (n, _) => n.AsObject().Remove("requestedBy"))(WithRecord(r)), RuleIds.ArtifactInvalid, "{", "requestedBy") { Governed = true },
        new("exception record with an extra field", ExceptionRecord, r => Json(ExceptionRecord, (n, _) => n["approvedByBoard"] = true)(WithRecord(r)), RuleIds.ArtifactInvalid, "\"approvedByBoard\"", "'approvedByBoard' is not allowed") { Governed = true },
        new("exception record tampered", ExceptionRecord, r => Json(ExceptionRecord, (n, _) => n["expires"] = "2099-12-31")(WithRecord(r)), RuleIds.SignatureInvalid, "\"signature\"", "changed after the portal signed it") { Governed = true },
        new("exception record by an unknown key", ExceptionRecord, r => Json(ExceptionRecord, (n, _) => n["keyId"] = "someone")(WithRecord(r)), RuleIds.SignatureInvalid, "\"keyId\"", "which trustedKeys in shiftleft.json does not list") { Governed = true },
        new("exception record self-approved", ExceptionRecord, Record(r => RedTeamException(r, "Carla <ciso@example.com>", "ciso@example.com")), RuleIds.ExceptionExpired, "\"approvedBy\"", "requested and approved by the same person") { Governed = true },
        new("exception record beyond the maximum", ExceptionRecord, Record(r => RedTeamException(r, days: 200)), RuleIds.ExceptionExpired, "\"expires\"", "beyond riskAcceptance.maxExceptionDays (180)") { Governed = true },
        new("exception record expired", ExceptionRecord, Record(r => RedTeamException(r, days: -1)), RuleIds.ExceptionExpired, "\"expires\"", "expired on") { Governed = true },

        // Cohort labels (SL1002)
        new("aieval run tagged with two cohorts", Eval, Text(r => TestRepository.AiEvalReport(r.Date(5), 4.5, 4.1).Replace("[\"support\", \"language:en\"]", "[\"language:en\", \"language:fr\"]", StringComparison.Ordinal)), RuleIds.ArtifactInvalid, "[\"language:en\"", "two tags for 'language'") { Governed = true },
        new("aieval run tagged with an empty cohort", Eval, Text(r => TestRepository.AiEvalReport(r.Date(5), 4.5, 4.1).Replace("\"language:fr\"", "\"language:\"", StringComparison.Ordinal)), RuleIds.ArtifactInvalid, "\"language:\"", "an empty value") { Governed = true },
        new("shiftleft format with more successes than samples", Eval, Text(r => ShiftLeftEvaluation(r, "{ \"name\": \"groundedness\", \"value\": 4.5 }, { \"name\": \"pass_rate\", \"value\": 1, \"samples\": 10, \"successes\": 11 }", string.Empty)), RuleIds.ArtifactInvalid, "\"successes\": 11", "more successes than its 10 samples"),
        new("shiftleft format pass rate that is not its successes", Eval, Text(r => ShiftLeftEvaluation(r, "{ \"name\": \"groundedness\", \"value\": 4.5 }, { \"name\": \"pass_rate\", \"value\": 0.9, \"samples\": 10, \"successes\": 7 }", string.Empty)), RuleIds.ArtifactInvalid, "\"successes\": 7", "7 successes of 10 samples is 0.7"),
        new("shiftleft format spread without samples", Eval, Text(r => ShiftLeftEvaluation(r, "{ \"name\": \"groundedness\", \"value\": 4.5, \"standardDeviation\": 0.3 }", string.Empty)), RuleIds.ArtifactInvalid, "\"standardDeviation\"", "without samples"),
        new("shiftleft format cohort listed twice", Eval, Text(r => ShiftLeftEvaluation(r, "{ \"name\": \"groundedness\", \"value\": 4.5 }", ",\n  \"cohorts\": [ { \"attribute\": \"language\", \"value\": \"fr\", \"n\": 5, \"metrics\": [] },\n    { \"attribute\": \"language\", \"value\": \"fr\", \"n\": 5, \"metrics\": [] } ]")), RuleIds.ArtifactInvalid, "\"value\": \"fr\", \"n\": 5, \"metrics\": [] } ]", "twice"),
        new("shiftleft format cohort without attribute", Eval, Text(r => ShiftLeftEvaluation(r, "{ \"name\": \"groundedness\", \"value\": 4.5 }", ",\n  \"cohorts\": [ { \"value\": \"fr\", \"n\": 5, \"metrics\": [] } ]")), RuleIds.ArtifactInvalid, "{ \"value\": \"fr\"", "attribute"),
    ];

    // A governed repository with a valid approved-exception record for the red team, to be broken by the case.
    private static TestRepository WithRecord(TestRepository repository) => repository.Write(ExceptionRecord, RedTeamException(repository));

    private static string ShiftLeftEvaluation(TestRepository repository, string metrics, string cohorts) =>
        $"{{ \"format\": \"shiftleft-evaluation\", \"version\": \"1\", \"date\": \"{repository.Date(2)}\", \"modelId\": \"{TestRepository.ModelId}\", \"promptHash\": \"{repository.PromptHash()}\",\n  \"metrics\": [ {metrics} ]{cohorts} }}";
}
