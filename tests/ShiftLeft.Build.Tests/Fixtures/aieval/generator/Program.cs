// Writes the aieval fixtures (../*.json) exactly as `aieval report -f json` serialises them:
//   dotnet run --project tests/ShiftLeft.Build.Tests/Fixtures/aieval/generator
//
// The Reporting package and the aieval tool are not available here, so this program rebuilds the writer from its
// source in dotnet/extensions (src/Libraries/Microsoft.Extensions.AI.Evaluation.Reporting/CSharp/...):
//   Formats/Json/JsonReportWriter.cs   Dataset(scenarioRunResults, createdAt: DateTime.UtcNow, generatorVersion)
//                                       serialised with SerializerContext.Default.Dataset
//   Formats/Dataset.cs                  the three properties, in that order
//   ScenarioRunResult.cs                scenarioName, iterationName, executionName, creationTime, messages,
//                                       modelResponse, evaluationResult, chatDetails, tags, formatVersion (= 1)
//   ChatDetails.cs, ChatTurnDetails.cs  turnDetails[] { latency, model, modelProvider, usage, cacheKey, cacheHit }
//   JsonSerialization/SerializerContext.cs
//                                       camelCase names, nulls omitted, indented, enums as camelCase strings
//                                       (CamelCaseEnumConverter), TimeSpan as seconds (TimeSpanConverter)
//   Defaults.cs                         ReportingFormatVersion = 1
// and Microsoft.Extensions.AI.Evaluation.Console/Commands/ReportCommand.cs: `report` reads the latest -n executions
// (default 10) newest first, and empties messages/modelResponse of every execution but the latest.
// The evaluation types themselves (EvaluationResult, NumericMetric, BooleanMetric, StringMetric, interpretations,
// diagnostics, metadata) are the real ones from the Microsoft.Extensions.AI.Evaluation 11.0.0 package, serialised by
// their own contracts, and chat messages by AIJsonUtilities.DefaultOptions as the writer chains them.
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

var output = args.Length > 0 ? args[0] : Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../.."));
// SerializerContext's options; AIJsonUtilities contributes contracts (chat messages) through the resolver chain only,
// as the writer's JsonUtilities does, so its own converters (PascalCase enums) do not apply.
var options = new JsonSerializerOptions
{
    WriteIndented = true,
    IgnoreReadOnlyProperties = false,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
};
options.Converters.Add(new JsonStringEnumConverter<EvaluationDiagnosticSeverity>(JsonNamingPolicy.CamelCase));
options.Converters.Add(new JsonStringEnumConverter<EvaluationRating>(JsonNamingPolicy.CamelCase));
options.Converters.Add(new SecondsConverter());
options.TypeInfoResolverChain.Add(AIJsonUtilities.DefaultOptions.TypeInfoResolver!);
options.TypeInfoResolverChain.Add(new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver());

var questions = new[]
{
    ("Refunds", "How do I get a refund?", "You can request a refund within 30 days from the Orders page."),
    ("Passwords", "I forgot my password.", "Reset it from the sign-in page with \"Forgot password\"."),
    ("Shipping", "How long does shipping take?", "Standard shipping takes 3-5 business days."),
};

Write("single-execution.json", new DateTime(2026, 11, 20, 9, 30, 0, DateTimeKind.Utc),
    Execution("20261120T0900", new DateTime(2026, 11, 20, 9, 0, 0, DateTimeKind.Utc), latest: true, (_, i) => Metrics(groundedness: 4 + (i % 2), f1: 0.91 + (0.02 * i))));

// `aieval report` with its default -n 10 over a store holding two executions: the newest (listed first) is the bad one.
Write("two-executions.json", new DateTime(2026, 11, 26, 10, 0, 0, DateTimeKind.Utc),
    Execution("20261126T0900", new DateTime(2026, 11, 26, 9, 0, 0, DateTimeKind.Utc), latest: true, (_, i) => Metrics(groundedness: 2, f1: 0.05 + (0.01 * i))),
    Execution("20261120T0900", new DateTime(2026, 11, 20, 9, 0, 0, DateTimeKind.Utc), latest: false, (_, i) => Metrics(groundedness: 5, f1: 0.95 + (0.01 * i))));

// A judge call that timed out: the evaluator records an error diagnostic and no value, while the run "succeeds".
Write("errored-metric.json", new DateTime(2026, 11, 20, 9, 30, 0, DateTimeKind.Utc),
    Execution("20261120T0900", new DateTime(2026, 11, 20, 9, 0, 0, DateTimeKind.Utc), latest: true, (_, i) => i == 1 ? TimedOut() : Metrics(groundedness: 5, f1: 0.93)));

// Values that meet a lenient threshold but that the evaluator itself interprets as failed.
Write("interpreted-failed.json", new DateTime(2026, 11, 20, 9, 30, 0, DateTimeKind.Utc),
    Execution("20261120T0900", new DateTime(2026, 11, 20, 9, 0, 0, DateTimeKind.Utc), latest: true, (_, i) => Metrics(groundedness: i == 0 ? 3 : 5, f1: 0.92)));

// Scenarios tagged with their cohort ("language:en"; aieval tags are free strings, ShiftLeft reads "<attribute>:<value>"),
// for regression against a baseline and fairness per cohort. Groundedness per scenario, 1-5 as the judge scores it:
//   cohorts-baseline   en 12 and fr 12 scenarios around 4.5, de 3 (a cohort too small to judge)
//   cohorts-noise      the same questions a little lower (a drop within the noise of 27 samples)
//   cohorts-regressed  fr collapses to around 3 (a real regression, and a gap between cohorts)
Write("cohorts-baseline.json", new DateTime(2026, 11, 20, 9, 30, 0, DateTimeKind.Utc),
    Cohorts("20261120T0900", new DateTime(2026, 11, 20, 9, 0, 0, DateTimeKind.Utc), en: [5, 4, 5, 4, 5, 4], fr: [4, 5, 4, 5, 4, 5], de: [5, 4, 4]));
Write("cohorts-noise.json", new DateTime(2026, 11, 24, 9, 30, 0, DateTimeKind.Utc),
    Cohorts("20261124T0900", new DateTime(2026, 11, 24, 9, 0, 0, DateTimeKind.Utc), en: [5, 4, 4, 4, 5, 4], fr: [4, 5, 4, 4, 4, 5], de: [5, 4, 4]));
Write("cohorts-regressed.json", new DateTime(2026, 11, 26, 9, 30, 0, DateTimeKind.Utc),
    Cohorts("20261126T0900", new DateTime(2026, 11, 26, 9, 0, 0, DateTimeKind.Utc), en: [5, 4, 5, 4, 5, 4], fr: [3, 2, 3, 4, 3, 3], de: [4, 3, 4]));

Console.WriteLine("aieval fixtures written to " + output);

// 12 scenarios each for en and fr (their pattern twice), 3 for de; one iteration each, tagged with the language.
IEnumerable<RunResult> Cohorts(string executionName, DateTime start, int[] en, int[] fr, int[] de) =>
    new[] { ("en", en.Concat(en).ToArray()), ("fr", fr.Concat(fr).ToArray()), ("de", de) }
        .SelectMany(cohort => cohort.Item2.Select((score, i) => (Language: cohort.Item1, Score: score, Index: i)))
        .Select((s, n) =>
        {
            var q = questions[s.Index % questions.Length];
            var time = start.AddSeconds(20 * n);
            return new RunResult(
                $"Support.Answers.{q.Item1}.{s.Language}{s.Index}", "1", executionName, time,
                [new ChatMessage(ChatRole.System, "Answer only from the knowledge base."), new ChatMessage(ChatRole.User, q.Item2)],
                new ChatResponse(new ChatMessage(ChatRole.Assistant, q.Item3)) { ModelId = "gpt-4o-2024-08-06", CreatedAt = time },
                Metrics(groundedness: s.Score, f1: 0.9),
                new ChatDetails([new TurnDetails(TimeSpan.FromSeconds(1.25), "gpt-4o-2024-08-06", "azure.ai.openai",
                    new UsageDetails { InputTokenCount = 812, OutputTokenCount = 96, TotalTokenCount = 908 }, null, null)]),
                ["support", "language:" + s.Language], 1);
        });

IEnumerable<RunResult> Execution(string executionName, DateTime start, bool latest, Func<string, int, EvaluationResult> evaluate) =>
    questions.Select((q, i) =>
    {
        var time = start.AddSeconds(20 * i);
        return new RunResult(
            "Support.Answers." + q.Item1, "1", executionName, time,
            latest ? [new ChatMessage(ChatRole.System, "Answer only from the knowledge base."), new ChatMessage(ChatRole.User, q.Item2)] : [],
            latest ? new ChatResponse(new ChatMessage(ChatRole.Assistant, q.Item3)) { ModelId = "gpt-4o-2024-08-06", CreatedAt = time } : new ChatResponse(),
            evaluate(q.Item1, i),
            new ChatDetails([new TurnDetails(TimeSpan.FromSeconds(1.25 + (0.5 * i)), "gpt-4o-2024-08-06", "azure.ai.openai",
                new UsageDetails { InputTokenCount = 812 + i, OutputTokenCount = 96 + i, TotalTokenCount = 908 + (2 * i) }, null, null)]),
            ["support", "golden-set"], 1);
    });

EvaluationResult Metrics(double groundedness, double f1)
{
    var grounded = new NumericMetric("Groundedness", groundedness, "The response is supported by the grounding context.");
    // The built-in judge evaluators interpret 1-5 scores: 4 or more passes (EvaluationRating by score band).
    grounded.Interpretation = groundedness switch
    {
        >= 5 => new EvaluationMetricInterpretation(EvaluationRating.Exceptional, failed: false),
        >= 4 => new EvaluationMetricInterpretation(EvaluationRating.Good, failed: false),
        >= 3 => new EvaluationMetricInterpretation(EvaluationRating.Average, failed: true, "Groundedness is less than 4."),
        >= 2 => new EvaluationMetricInterpretation(EvaluationRating.Poor, failed: true, "Groundedness is less than 4."),
        _ => new EvaluationMetricInterpretation(EvaluationRating.Unacceptable, failed: true, "Groundedness is less than 4."),
    };
    grounded.AddOrUpdateChatMetadata(new ChatResponse(new ChatMessage(ChatRole.Assistant, "<S0>...</S0>")) { ModelId = "gpt-4o-2024-08-06", Usage = new UsageDetails { InputTokenCount = 1204, OutputTokenCount = 61, TotalTokenCount = 1265 } }, TimeSpan.FromMilliseconds(2140));
    var score = new NumericMetric("F1", f1, "F1 score of the response against the reference answer.");
    score.Interpretation = new EvaluationMetricInterpretation(f1 >= 0.5 ? EvaluationRating.Good : EvaluationRating.Unacceptable, failed: f1 < 0.5);
    score.AddOrUpdateDurationMetadata(TimeSpan.FromMilliseconds(3));
    var cited = new BooleanMetric("Cites source", true, "The response names its knowledge-base article.");
    var language = new StringMetric("Language", "en");
    return new EvaluationResult(grounded, score, cited, language);
}

EvaluationResult TimedOut()
{
    var grounded = new NumericMetric("Groundedness");
    grounded.AddDiagnostics(EvaluationDiagnostic.Error("Failed to evaluate 'Groundedness': the request to the judge model timed out after 00:01:40."));
    var score = new NumericMetric("F1", 0.93, "F1 score of the response against the reference answer.");
    score.Interpretation = new EvaluationMetricInterpretation(EvaluationRating.Exceptional, failed: false);
    return new EvaluationResult(grounded, score, new BooleanMetric("Cites source", true), new StringMetric("Language", "en"));
}

void Write(string name, DateTime createdAt, params IEnumerable<RunResult>[] executions)
{
    var dataset = new Dataset([.. executions.SelectMany(e => e)], createdAt, "11.0.0");
    File.WriteAllText(Path.Combine(output, name), JsonSerializer.Serialize(dataset, options));
}

/// <summary>Formats/Dataset.cs.</summary>
internal sealed record Dataset(IList<RunResult> ScenarioRunResults, DateTime CreatedAt, string? GeneratorVersion);

/// <summary>ScenarioRunResult.cs, property order as declared there.</summary>
internal sealed record RunResult(
    string ScenarioName, string IterationName, string ExecutionName, DateTime CreationTime, IList<ChatMessage> Messages,
    ChatResponse ModelResponse, EvaluationResult EvaluationResult, ChatDetails? ChatDetails, IList<string>? Tags, int? FormatVersion);

/// <summary>ChatDetails.cs.</summary>
internal sealed record ChatDetails(IList<TurnDetails> TurnDetails);

/// <summary>ChatTurnDetails.cs.</summary>
internal sealed record TurnDetails(TimeSpan Latency, string? Model, string? ModelProvider, UsageDetails? Usage, string? CacheKey, bool? CacheHit);

/// <summary>JsonSerialization/TimeSpanConverter.cs: a TimeSpan is written as its total seconds.</summary>
internal sealed class SecondsConverter : JsonConverter<TimeSpan>
{
    public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => TimeSpan.FromSeconds(reader.GetDouble());

    public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options) => writer.WriteNumberValue(value.TotalSeconds);
}
