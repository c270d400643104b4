using System.Globalization;
using System.Text;
using ShiftLeft.Build.Diagnostics;
using ShiftLeft.Build.Gate;

namespace ShiftLeft.Build.Benchmarks;

/// <summary>Writes the benchmark repositories: a limited-tier system whose evaluation holds a chosen number of metric values.</summary>
internal static class BenchmarkRepository
{
    public const string Project = "src/Support/Support.csproj";
    public const string Evaluation = "eval/support/results.json";

    /// <summary>Certifies an artifact as ShiftLeftStampEvidence would.</summary>
    public static void Stamp(string root, string artifact)
    {
        var diagnostics = new List<EvidenceDiagnostic>();
        if (EvidenceStamper.Stamp(new StampRequest(Path.Combine(root, Project), Path.Combine(root, "shiftleft.json"), artifact, DateTimeOffset.UtcNow, "Benchmark"), diagnostics) is null)
        {
            throw new InvalidOperationException("stamping failed: " + string.Join("; ", diagnostics));
        }
    }

    /// <summary>
    /// A passing repository whose evaluation carries <paramref name="metrics"/> metric values in <paramref name="format"/>;
    /// "promptfoo+governance" is the promptfoo run with a cohort per result (test variable <c>language</c>), a
    /// regression rule on pass_rate and groundedness against an accepted baseline, and a fairness rule across languages.
    /// </summary>
    public static string Create(string format, int metrics)
    {
        var root = Path.Combine(Path.GetTempPath(), "shiftleft-gate-scale-" + Guid.NewGuid().ToString("N"));
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var governed = format == "promptfoo+governance";
        var governance = governed
            ? """
              ,
                "regression": { "pass_rate": { "maxRegression": 0.02, "minSamples": 100, "better": "higher" }, "groundedness": { "maxRegression": 0.02, "minSamples": 100 } },
                "fairness": { "metric": "pass_rate", "attribute": "language", "maxGap": 0.1, "minCohortSize": 100, "better": "higher" }
              """
            : string.Empty;
        Write(root, "shiftleft.json", $$"""
            { "systems": [{ "name": "support-assistant", "owner": "team-support", "riskTier": "limited",
                "projects": ["src/Support/*.csproj"],
                "model": { "id": "gpt-4o-2024-08-06", "promptFiles": ["src/Support/Prompts/*.txt"] },
                "evidence": { "modelCard": "docs/ai/support/model-card.md", "evaluation": "eval/support/results.json" },
                "thresholds": { "groundedness": ">= 0.5" }{{governance}} }] }
            """);
        Write(root, Project, "<Project />");
        Write(root, "src/Support/Prompts/system.txt", "Answer from the knowledge base.\n");
        Write(root, "docs/ai/support/model-card.md", $"---\nmodel_id: gpt-4o-2024-08-06\nlast_reviewed: {today}\n---\n# Card\n## Model details\nx\n## Intended use\nx\n## Limitations\nx\n## Evaluation\nx\n");
        Write(root, Evaluation, format switch
        {
            "promptfoo" or "promptfoo+governance" => Promptfoo(metrics, today, governed),
            "aieval" => AiEval(metrics, today),
            _ => ShiftLeftFormat(metrics, today),
        });
        Stamp(root, "docs/ai/support/model-card.md");
        Stamp(root, Evaluation);
        if (governed)
        {
            var diagnostics = new List<EvidenceDiagnostic>();
            if (BaselineAcceptor.Accept(new AcceptRequest(Path.Combine(root, Project), Path.Combine(root, "shiftleft.json"), null, DateTimeOffset.UtcNow, "Benchmark"), diagnostics) is null)
            {
                throw new InvalidOperationException("accepting the baseline failed: " + string.Join("; ", diagnostics));
            }
        }

        return root;
    }

    // One result per metric value: each with its named score, as promptfoo writes a run with one asserted metric.
    private static string Promptfoo(int metrics, string today, bool cohorts)
    {
        string[] languages = ["en", "fr", "de"];
        var text = new StringBuilder($"{{\n  \"evalId\": \"scale\",\n  \"results\": {{\n    \"version\": 3,\n    \"timestamp\": \"{today}T08:00:00Z\",\n    \"results\": [\n");
        for (var i = 0; i < metrics; i++)
        {
            var pass = i % 10 != 0;
            text.Append(i == 0 ? string.Empty : ",\n")
                .Append(CultureInfo.InvariantCulture, $"      {{ \"id\": \"r{i}\", \"provider\": {{ \"id\": \"openai:chat:gpt-4o-2024-08-06\" }}, \"success\": {(pass ? "true" : "false")}, \"score\": {(pass ? 1 : 0)}, \"namedScores\": {{ \"groundedness\": {(pass ? 1 : 0)} }}, ")
                .Append(pass ? string.Empty : "\"error\": \"Expected output to contain \\\"kb/\\\"\", ")
                .Append(cohorts ? $"\"vars\": {{ \"question\": \"q{i}\", \"language\": \"{languages[i % 3]}\" }}, " : string.Empty)
                .Append(CultureInfo.InvariantCulture, $"\"testIdx\": {i}, \"failureReason\": {(pass ? 0 : 1)} }}");
        }

        var failures = (metrics + 9) / 10;
        return text.Append(CultureInfo.InvariantCulture, $"\n    ],\n    \"stats\": {{ \"successes\": {metrics - failures}, \"failures\": {failures}, \"errors\": 0 }}\n  }}\n}}\n").ToString();
    }

    // Four metrics per scenario run, as a report of the built-in quality evaluators.
    private static string AiEval(int metrics, string today)
    {
        var text = new StringBuilder("{\n  \"scenarioRunResults\": [\n");
        for (var run = 0; run < metrics / 4; run++)
        {
            text.Append(run == 0 ? string.Empty : ",\n")
                .Append(CultureInfo.InvariantCulture, $"    {{ \"scenarioName\": \"Support.{run}\", \"iterationName\": \"1\", \"executionName\": \"{today}\", \"creationTime\": \"{today}T08:00:00Z\", \"evaluationResult\": {{ \"metrics\": {{")
                .Append(string.Join(",", new[] { "groundedness", "relevance", "coherence", "fluency" }.Select(m => $" \"{m}\": {{ \"$type\": \"numeric\", \"value\": 4, \"name\": \"{m}\", \"interpretation\": {{ \"rating\": \"good\", \"failed\": false }} }}")))
                .Append(" } }, \"formatVersion\": 1 }");
        }

        return text.Append(CultureInfo.InvariantCulture, $"\n  ],\n  \"createdAt\": \"{today}T09:00:00Z\",\n  \"generatorVersion\": \"11.0.0\"\n}}\n").ToString();
    }

    private static string ShiftLeftFormat(int metrics, string today)
    {
        var text = new StringBuilder($"{{ \"format\": \"shiftleft-evaluation\", \"version\": \"1\", \"date\": \"{today}\",\n  \"metrics\": [\n");
        for (var i = 0; i < metrics; i++)
        {
            text.Append(i == 0 ? string.Empty : ",\n").Append(CultureInfo.InvariantCulture, $"    {{ \"name\": \"groundedness\", \"value\": 0.9, \"dataset\": \"case-{i}\" }}");
        }

        return text.Append("\n  ] }\n").ToString();
    }

    private static void Write(string root, string relative, string content)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content, new UTF8Encoding(false));
    }
}
