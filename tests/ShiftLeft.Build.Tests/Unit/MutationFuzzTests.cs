using System.Text;
using ShiftLeft.Build.Tasks;
using ShiftLeft.Build.Tests.Infrastructure;

namespace ShiftLeft.Build.Tests.Unit;

/// <summary>
/// SL1000 ("ShiftLeft.Build failed unexpectedly") must be unreachable from file content. A seeded mutation loop over
/// real inputs — the recorded promptfoo runs (cohorts included), the aieval reports, policies, a model card, a risk
/// register, a stamp, an accepted baseline, a signed sign-off and a signed exception record —
/// writes each mutant where the gate reads it and runs the MSBuild task itself: every mutant must end in SL1001-SL1010
/// or a pass, never in an exception. The seed is fixed, so a failure names a mutant that reproduces.
/// </summary>
public sealed class MutationFuzzTests
{
    private const int Seed = 20261207;
    private const int MutantsPerInput = 420;

    private static readonly string Fixtures = Path.Combine(PackedPackageFixture.RepositoryRoot, "tests", "ShiftLeft.Build.Tests", "Fixtures");

    // Fragments that have broken JSON, YAML and Markdown readers before: out-of-range numbers, encodings, nesting, keys.
    private static readonly byte[][] Tokens =
    [
        .. new[]
        {
            "1e400", "-1e400", "1" + new string('0', 400), "NaN", "Infinity", "-0", "9007199254740993", "0.1e-400", "\"", "{", "}", "[", "]", ",", ":", "null",
            "true", "\\u0000", "\\ud800", "\r\n", "\n---\n", "---\n", "TODO(shiftleft)", "\"value\": ", "\"value\": \"x\",", "\"failureReason\": 7,",
            "\"failureReason\": 2,", "\"success\": true,", "\"$type\": \"numeric\",", "\"executionName\": 5,", "\"creationTime\": \"2026-02-30T00:00:00Z\",",
            "\"severity\": \"error\",", "\"interpretation\": null,", "\"metrics\": [],", "\"results\": {},", "\"stats\": null,", "\"scenarioRunResults\": 1,",
            new string('[', 70), new string('{', 70), "- [a, [b, [c]]]\n", "model-index: 5\n", "  - { type: x, value: 1e999 }\n", "last_reviewed: 2026-13-45\n",
            "&a [*a]\n", "*x\n", "!!binary zz\n", "# heading\n", "> > > > > >\n", "\u202e", "\ufeff", "\u2028",
        }.Select(Encoding.UTF8.GetBytes),
        [0xFF], [0xFE, 0xFF], [0xC0, 0x80], [0xE9], [0x00], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0x1B, 0x5B, 0x33, 0x31, 0x6D],
    ];

    private const string LenientThresholds = "\"groundedness\": \">= 0\", \"failures\": \">= 0\", \"F1\": \">= 0\", \"relevance\": \">= 0\"";

    /// <summary>
    /// Each real input, where the gate reads it in the repository, and whether the repository is the governed one
    /// (sign-off, accepted baseline, regression and fairness rules, four-eyes exception records).
    /// </summary>
    public static TheoryData<string, string, bool> Inputs() => new()
    {
        { "promptfoo/failing.json", "eval/support/results.json", false },
        { "promptfoo/mixed.json", "eval/support/redteam.json", false },
        { "promptfoo/erroring.json", "eval/support/results.json", false },
        { "aieval/two-executions.json", "eval/support/results.json", false },
        { "aieval/errored-metric.json", "eval/support/results.json", false },
        { "shiftleft.json", "shiftleft.json", false },
        { "model-card.md", "docs/ai/support/model-card.md", false },
        { "risk-register.json", "docs/ai/risk-register.json", false },
        { "data-sheet.md", "docs/ai/support/data-sheet.md", false },
        { "stamp", "eval/support/results.json.shiftleft-stamp.json", false },
        { "promptfoo/passing.json", "eval/support/redteam.json", false },
        { "aieval/interpreted-failed.json", "eval/support/results.json", false },
        { "promptfoo/cohorts-regressed.json", "eval/support/results.json", true },
        { "aieval/cohorts-regressed.json", "eval/support/results.json", true },
        { "shiftleft.json", "shiftleft.json", true },
        { "baseline", "shiftleft-baseline.json", true },
        { "sign-off", TestRepository.SignOffPath, true },
        { "exception record", "governance/exceptions/red-team.json", true },
    };

    [Theory]
    [MemberData(nameof(Inputs))]
    public void No_mutant_of_a_real_input_reaches_SL1000(string input, string target, bool governed)
    {
        using var portal = new PortalSigner();
        using var repository = governed ? Governed(portal) : new TestRepository().WithGreenSystem(TestRepository.GreenPolicy.Replace("\"groundedness\": \">= 4\"", LenientThresholds, StringComparison.Ordinal));
        var original = Original(repository, input);
        var random = new Random(HashCode(governed ? "governed " + input : input) ^ Seed);
        var obj = repository.FullPath("src/Support/obj");
        Directory.CreateDirectory(obj);
        var outcomes = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < MutantsPerInput; i++)
        {
            var mutant = Mutate(original, random);
            repository.WriteBytes(target, mutant);
            var engine = new RecordingEngine();
            var task = new ShiftLeftEvidenceGate
            {
                BuildEngine = engine,
                ProjectPath = repository.FullPath(TestRepository.ProjectPath),
                PolicyPath = repository.FullPath("shiftleft.json"),
                Commit = "0123abcd0123abcd0123abcd0123abcd0123abcd",
                ReportPath = Path.Combine(obj, "shiftleft-evidence.json"),
                StampPath = Path.Combine(obj, "shiftleft-evidence.stamp"),
                InputsListPath = Path.Combine(obj, "shiftleft-evidence.inputs.targets"),
                ReplayPath = Path.Combine(obj, "shiftleft-evidence.replay"),
                Now = repository.Now.ToString("o"),
            };

            task.Execute();

            var defect = engine.Errors.FirstOrDefault(e => e.Code is "SL1000" or null || !e.Code.StartsWith("SL10", StringComparison.Ordinal));
            Assert.True(defect is null, $"{input} mutant {i} (seed {Seed}) reached {defect?.Code}: {defect?.Message}\nmutant: {Preview(mutant)}");
            Assert.All(engine.Errors.Concat<Microsoft.Build.Framework.LazyFormattedBuildEventArgs>(engine.Warnings), e => Assert.DoesNotContain('\n', e.Message ?? string.Empty));
            outcomes.UnionWith(engine.Errors.Select(e => e.Code!));
        }

        // The mutants reach the readers' error paths, not only a file that no longer parses.
        Assert.True(outcomes.Count >= 2, $"{input}: mutants only produced {string.Join(", ", outcomes)}");
    }

    [Fact]
    public void The_fuzz_runs_at_least_five_thousand_mutants() => Assert.True(Inputs().Count * MutantsPerInput >= 5000);

    // The governed green system with lenient thresholds, an approved-exception record, and the evidence signed off.
    private static TestRepository Governed(PortalSigner portal)
    {
        var repository = new TestRepository();
        repository.WithGreenSystem(TestRepository.GovernedPolicy(portal).Replace("\"groundedness\": \">= 4\"", LenientThresholds, StringComparison.Ordinal)).AcceptBaseline();
        repository.Write("governance/exceptions/red-team.json", portal.Exception("support-assistant", "redTeam", "dana@example.com", "ciso@example.com", repository.Now.AddDays(-3), DateOnly.FromDateTime(repository.Now.AddDays(60).UtcDateTime), "Booked", "R-1"));
        return repository.SignOff(portal);
    }

    private static byte[] Original(TestRepository repository, string input) => input switch
    {
        "shiftleft.json" => Encoding.UTF8.GetBytes(repository.Read("shiftleft.json")),
        "baseline" => repository.ReadBytes("shiftleft-baseline.json"),
        "sign-off" => repository.ReadBytes(TestRepository.SignOffPath),
        "exception record" => repository.ReadBytes("governance/exceptions/red-team.json"),
        "model-card.md" => repository.ReadBytes("docs/ai/support/model-card.md"),
        "risk-register.json" => repository.ReadBytes("docs/ai/risk-register.json"),
        "data-sheet.md" => repository.ReadBytes("docs/ai/support/data-sheet.md"),
        "stamp" => repository.ReadBytes("eval/support/results.json.shiftleft-stamp.json"),
        _ => File.ReadAllBytes(Path.Combine(Fixtures, input)),
    };

    private static byte[] Mutate(byte[] original, Random random)
    {
        var bytes = new List<byte>(original);
        var edits = 1 + random.Next(4);
        for (var e = 0; e < edits && bytes.Count > 0; e++)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(9))
            {
                case 0:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 1:
                    bytes.RemoveRange(at, Math.Min(bytes.Count - at, 1 + random.Next(64)));
                    break;
                case 2:
                case 3:
                    bytes.InsertRange(at, Tokens[random.Next(Tokens.Length)]);
                    break;
                case 4:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                case 5:
                    DuplicateLine(bytes, at);
                    break;
                case 6:
                    ReplaceNumber(bytes, at, random);
                    break;
                case 7:
                    bytes.InsertRange(at, Encoding.UTF8.GetBytes(new string((char)('a' + random.Next(26)), 1 + random.Next(5000))));
                    break;
                default:
                    bytes[at] = bytes[random.Next(bytes.Count)];
                    break;
            }
        }

        return [.. bytes];
    }

    // A line written twice duplicates JSON keys, YAML keys, headings and array items.
    private static void DuplicateLine(List<byte> bytes, int at)
    {
        var start = bytes.LastIndexOf((byte)'\n', Math.Max(0, at - 1)) + 1;
        var end = bytes.IndexOf((byte)'\n', at);
        end = end < 0 ? bytes.Count : end + 1;
        bytes.InsertRange(end, bytes.GetRange(start, end - start));
    }

    private static void ReplaceNumber(List<byte> bytes, int at, Random random)
    {
        var digit = bytes.FindIndex(at, b => b is >= (byte)'0' and <= (byte)'9');
        if (digit < 0)
        {
            return;
        }

        var replacement = random.Next(5) switch
        {
            0 => "1e400",
            1 => "-" + new string('9', 500),
            2 => "2147483648",
            3 => "0.000000000000000000000000000000000000000000000001",
            _ => "-1",
        };
        bytes.RemoveAt(digit);
        bytes.InsertRange(digit, Encoding.UTF8.GetBytes(replacement));
    }

    private static int HashCode(string text) => text.Aggregate(17, (h, c) => unchecked((h * 31) + c));

    private static string Preview(byte[] mutant) => Convert.ToBase64String(mutant.AsSpan(0, Math.Min(mutant.Length, 4096)));
}
