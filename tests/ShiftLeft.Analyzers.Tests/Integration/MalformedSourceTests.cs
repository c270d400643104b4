using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using ShiftLeft.Analyzers.Tests.Rules;
using ShiftLeft.Analyzers.Tests.Verification;

namespace ShiftLeft.Analyzers.Tests.Integration;

/// <summary>
/// Robustness: every analyzer of the assembly (found by reflection, so new rules are covered) runs over truncated and
/// malformed versions of the sample sources, compiled together with the rest of the sample against the real SDKs.
/// No analyzer may throw (no AD0001).
/// </summary>
public sealed class MalformedSourceTests
{
    private const int CutsPerFile = 9;

    [Fact]
    public async Task No_analyzer_throws_on_truncated_or_malformed_sample_sources()
    {
        var analyzers = RuleCatalogTests.AllAnalyzers().ToImmutableArray();
        var files = SampleApplication.SourceFiles();
        var sources = files.Select(File.ReadAllText).ToList();
        var baseline = await NetCompilation.CreateAsync(sources, ShiftLeftReferences.AllSdks, "SupportAssistant");
        var exceptions = new List<string>();
        var variants = 0;
        var options = new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, new EditorConfigOptions(
            ("shiftleft.guardrail_methods", "SupportAssistant.Safety.PromptGuard.Check, SupportAssistant.Safety.OutputGuard.Verify"),
            ("shiftleft.audit_log_methods", "SupportAssistant.Compliance.AuditTrail.Record")));

        for (var fileIndex = 0; fileIndex < sources.Count; fileIndex++)
        {
            var original = baseline.SyntaxTrees.ElementAt(fileIndex);
            foreach (var variant in Variants(sources[fileIndex]))
            {
                variants++;
                var tree = CSharpSyntaxTree.ParseText(variant, (CSharpParseOptions)original.Options, original.FilePath);
                var compilation = baseline.ReplaceSyntaxTree(original, tree);
                var withAnalyzers = compilation.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(
                    options, (exception, analyzer, diagnostic) => exceptions.Add($"{analyzer.GetType().Name} on {Path.GetFileName(files[fileIndex])} ({variant.Length} chars): {exception}"),
                    concurrentAnalysis: false, logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: false));
                var diagnostics = await withAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(compilation.GetSemanticModel(tree), filterSpan: null, CancellationToken.None);
                exceptions.AddRange(diagnostics.Where(diagnostic => diagnostic.Id == "AD0001").Select(diagnostic => diagnostic.ToString()));
            }
        }

        Assert.True(variants > 100, $"only {variants} variants were analysed");
        Assert.True(exceptions.Count == 0, string.Join("\n\n", exceptions.Take(5)));
    }

    /// <summary>Prefixes cut at evenly spaced points, plus structural damage: unbalanced braces, dropped parentheses, a stray token.</summary>
    internal static IEnumerable<string> Variants(string source)
    {
        for (var cut = 1; cut <= CutsPerFile; cut++)
        {
            yield return source[..(source.Length * cut / (CutsPerFile + 1))];
        }

        yield return source.Replace("}", string.Empty, StringComparison.Ordinal);
        yield return source.Replace("(", " ", StringComparison.Ordinal);
        yield return source.Replace("await ", "await await ", StringComparison.Ordinal);
        yield return source.Replace(";", " => ", StringComparison.Ordinal);
    }

    private sealed class EditorConfigOptions(params (string Key, string Value)[] values) : AnalyzerConfigOptionsProvider
    {
        private readonly Options _options = new(values.ToImmutableDictionary(pair => pair.Key, pair => pair.Value));

        public override AnalyzerConfigOptions GlobalOptions => _options;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => _options;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => _options;

        private sealed class Options(ImmutableDictionary<string, string> values) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);
        }
    }
}
