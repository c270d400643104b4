using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ShiftLeft.Analyzers.Benchmarks;

/// <summary>
/// A generated code base of <see cref="FileCount"/> files full of model calls (OpenAI, Microsoft.Extensions.AI,
/// Semantic Kernel, embeddings), logging, guardrails, prompt building and ordinary business code, compiled against
/// the real SDK assemblies. Every file compiles without errors.
/// <para>
/// Two shapes of file: a violating one (four findings: a call neither guarded nor logged, an unguarded prompt
/// invocation, an e-mail address logged) and a compliant one (the same calls guarded and logged). The typical corpus
/// has a violating file every <see cref="TypicalViolatingEvery"/> files, like a code base that has adopted the rules;
/// <c>--worst</c> makes every file violating (a first run over code never checked), where Roslyn's own per-finding
/// work dominates (see docs/performance.md).
/// </para>
/// </summary>
public static class Corpus
{
    public const int FileCount = 520;

    public const int TypicalViolatingEvery = 10;

    /// <summary>1 = every file violates: <c>--worst</c>, passed on to BenchmarkDotNet's child processes by the environment.</summary>
    public static int ViolatingEvery => Environment.GetEnvironmentVariable(WorstCaseVariable) == "1" ? 1 : TypicalViolatingEvery;

    public const string WorstCaseVariable = "SHIFTLEFT_BENCHMARK_WORST_CASE";

    public static string Description => ViolatingEvery == 1
        ? "worst case: every file violates"
        : $"typical: one file in {ViolatingEvery} violates";

    public static ImmutableArray<SyntaxTree> ParseAll()
    {
        var options = new CSharpParseOptions(LanguageVersion.Latest);
        var trees = new List<SyntaxTree> { CSharpSyntaxTree.ParseText(Shared, options, "/corpus/Shared.cs") };
        for (var index = 0; index < FileCount; index++)
        {
            trees.Add(CSharpSyntaxTree.ParseText(File(index, violating: index % ViolatingEvery == 0), options, $"/corpus/Feature{index:000}.cs"));
        }

        return trees.ToImmutableArray();
    }

    public static CSharpCompilation Compile(ImmutableArray<SyntaxTree> trees, bool concurrentBuild = true) =>
        CSharpCompilation.Create("Corpus", trees, References.Value, new CSharpCompilationOptions(
            OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, concurrentBuild: concurrentBuild)
            .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic> { ["OPENAI001"] = ReportDiagnostic.Suppress, ["SKEXP0001"] = ReportDiagnostic.Suppress }));

    /// <summary>Every analyzer in ShiftLeft.Analyzers.dll (SL0001-SL0005, found by reflection).</summary>
    public static ImmutableArray<DiagnosticAnalyzer> AllAnalyzers() =>
        typeof(ShiftLeft.Analyzers.Rules.RuleCatalog).Assembly.GetTypes()
            .Where(type => !type.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(type) && type.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
            .Select(type => (DiagnosticAnalyzer)Activator.CreateInstance(type)!)
            .ToImmutableArray();

    /// <summary>The corpus as a build-share subject.</summary>
    public static IBenchmarkSubject Subject { get; } = new CorpusSubject();

    public static AnalyzerOptions Options { get; } = new(ImmutableArray<AdditionalText>.Empty, new ConfigOptionsProvider(new Dictionary<string, string>
    {
        ["shiftleft.guardrail_methods"] = "Corpus.Safety.PromptGuard.Check, Corpus.Safety.OutputGuard.Verify",
        ["shiftleft.audit_log_methods"] = "Corpus.Safety.Audit.Record",
    }));

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
    {
        var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var sdk = Directory.EnumerateFiles(AppContext.BaseDirectory, "*.dll")
            .Where(path => Path.GetFileName(path) is var name && (name.StartsWith("OpenAI", StringComparison.Ordinal)
                || name.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal) || name.StartsWith("Microsoft.SemanticKernel", StringComparison.Ordinal)
                || name.StartsWith("System.ClientModel", StringComparison.Ordinal) || name.StartsWith("System.Memory.Data", StringComparison.Ordinal)));
        return platform.Where(path => Path.GetFileName(path).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(path) is "mscorlib.dll" or "netstandard.dll")
            .Concat(sdk)
            .DistinctBy(Path.GetFileName)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
    });

    private const string Shared = """
        using System;
        namespace Corpus.Safety
        {
            public static class PromptGuard { public static string Check(string prompt) => prompt.Length > 4000 ? prompt[..4000] : prompt; }
            public static class OutputGuard { public static void Verify(string answer) { if (answer.Contains("<script")) throw new InvalidOperationException(); } }
            public static class Audit { public static void Record(string name, object detail) { } }
        }
        """;

    /// <summary>One feature class with the index in its names; violating or compliant.</summary>
    private static string File(int index, bool violating) => $$"""
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Text;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using Microsoft.Extensions.Logging;
        using Microsoft.SemanticKernel;
        using Microsoft.SemanticKernel.ChatCompletion;
        using OpenAI.Chat;
        using OpenAI.Embeddings;
        using Corpus.Safety;

        namespace Corpus.Features.F{{index:000}}
        {
            public sealed record Customer{{index}}(int Id, string FullName, string Email, string Plan, decimal Balance);

            public sealed class Feature{{index}}Service(
                IChatClient client, ChatClient chat, IChatCompletionService completions, Kernel kernel,
                EmbeddingClient embeddings, ILogger<Feature{{index}}Service> logger)
            {
                private readonly List<string> _history = new();
                {{(violating ? "" : "private static readonly PromptExecutionSettings ShortAnswer = new() { ExtensionData = new Dictionary<string, object> { [\"max_tokens\"] = 400 } };")}}

                public async Task<string> AnswerAsync(string question, Customer{{index}} customer, CancellationToken cancellationToken)
                {
                    var prompt = new StringBuilder()
                        .AppendLine("You are a support assistant for plan " + customer.Plan + ".")
                        .AppendLine(PromptGuard.Check(question))
                        .ToString();
                    logger.LogInformation("Answering question {Index} for plan {Plan}", {{index}}, customer.Plan);
                    var response = await client.GetResponseAsync(prompt, {{(violating ? "" : "new ChatOptions { MaxOutputTokens = 800 }, ")}}cancellationToken: cancellationToken);
                    OutputGuard.Verify(response.Text);
                    logger.LogDebug("Answer {Answer}", response.Text);
                    _history.Add(response.Text);
                    return response.Text;
                }

                public async Task<string> SummarizeAsync(IReadOnlyList<string> lines, CancellationToken cancellationToken)
                {
                    var messages = new List<OpenAI.Chat.ChatMessage> { new SystemChatMessage("Summarise."), new UserChatMessage({{(violating ? "" : "PromptGuard.Check(")}}string.Join("\n", lines.Where(line => line.Length > 0)){{(violating ? "" : ")")}}) };
                    ChatCompletion completion = await chat.CompleteChatAsync(messages, {{(violating ? "" : "new ChatCompletionOptions { MaxOutputTokenCount = 400 }, ")}}cancellationToken: cancellationToken);
                    {{(violating ? "" : "logger.LogInformation(\"Summary {Summary}\", completion.Content[0].Text);")}}
                    return completion.Content[0].Text;
                }

                public async Task<string> ClassifyAsync(string ticket, CancellationToken cancellationToken)
                {
                    var history = new ChatHistory("Classify the ticket.");
                    history.AddUserMessage(PromptGuard.Check(ticket));
                    var reply = await completions.GetChatMessageContentAsync(history, {{(violating ? "" : "ShortAnswer, ")}}cancellationToken: cancellationToken);
                    Audit.Record("classified", reply.Content ?? string.Empty);
                    return reply.Content ?? "unknown";
                }

                public async Task<string> DraftAsync(Customer{{index}} customer, CancellationToken cancellationToken)
                {
                    var result = await kernel.InvokePromptAsync({{(violating ? "" : "PromptGuard.Check(")}}$"Draft a reply for customer {customer.Id} on plan {customer.Plan}."{{(violating ? "" : ")")}}, {{(violating ? "" : "new KernelArguments(ShortAnswer), ")}}cancellationToken: cancellationToken);
                    var text = result.GetValue<string>() ?? string.Empty;
                    logger.LogInformation("Drafted {Length} characters for {{(violating ? "{Email}\", text.Length, customer.Email" : "customer {Id}\", text.Length, customer.Id")}});
                    return text;
                }

                public async Task<float[]> EmbedAsync(IEnumerable<string> articles, CancellationToken cancellationToken)
                {
                    var vectors = new List<float>();
                    foreach (var article in articles)
                    {
                        OpenAIEmbedding embedding = await embeddings.GenerateEmbeddingAsync(article, cancellationToken: cancellationToken);
                        vectors.AddRange(embedding.ToFloats().ToArray().Take(8));
                    }

                    logger.LogTrace("Embedded {Count} values", vectors.Count);
                    return vectors.ToArray();
                }

                public decimal Forecast(IEnumerable<Customer{{index}}> customers, int months)
                {
                    decimal total = 0;
                    foreach (var group in customers.GroupBy(c => c.Plan).OrderBy(g => g.Key))
                    {
                        var average = group.Average(c => c.Balance);
                        for (var month = 1; month <= months; month++)
                        {
                            total += average * (1 + (month % 3) / 100m) * group.Count();
                        }
                    }

                    logger.LogInformation("Forecast {Total} over {Months} months", total, months);
                    return Math.Round(total, 2);
                }

                public string Describe(Customer{{index}} customer) => customer.Balance switch
                {
                    < 0 => $"{customer.Plan}: overdue",
                    0 => $"{customer.Plan}: settled",
                    _ => $"{customer.Plan}: credit {customer.Balance:0.00}",
                };
            }
        }
        """;

    private sealed class CorpusSubject : IBenchmarkSubject
    {
        public string Description => $"corpus of {FileCount + 1} files, {Corpus.Description}";

        public AnalyzerOptions Options => Corpus.Options;

        public ImmutableArray<SyntaxTree> ParseAll() => Corpus.ParseAll();

        public CSharpCompilation Compile(ImmutableArray<SyntaxTree> trees, bool concurrentBuild) => Corpus.Compile(trees, concurrentBuild);
    }

    private sealed class ConfigOptionsProvider(Dictionary<string, string> values) : AnalyzerConfigOptionsProvider
    {
        private readonly Config _options = new(values);

        public override AnalyzerConfigOptions GlobalOptions => _options;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => _options;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => _options;

        private sealed class Config(Dictionary<string, string> values) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);
        }
    }
}
