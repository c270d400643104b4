// Usage (analyzer + code fix; Fix All in document/project/solution is exercised by the framework's iterations):
//   await ShiftLeftCodeFixTest<TheAnalyzer, TheFix>.VerifyAsync(source, fixedSource);
//   await ShiftLeftCodeFixTest<ModelCallAnalyzer, TheFix, Rule.SL0001>.VerifyAsync(source, fixedSource);   // one rule of the analyzer
//   await ShiftLeftCodeFixTest<TheAnalyzer, TheFix>.VerifyAsync(source, fixedSource, editorConfig: "shiftleft.audit_log_methods = A.B.C");
//   var test = ShiftLeftCodeFixTest<TheAnalyzer, TheFix>.Create(source, fixedSource); test.CodeActionEquivalenceKey = "..."; await test.RunAsync();
// Both the source and the fixed source must compile (compiler errors are verified); the fixed source may still
// carry markup for diagnostics that remain. Use source == fixedSource to assert that NO fix is offered.
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace ShiftLeft.Analyzers.Tests.Verification;

public static class ShiftLeftCodeFixTest<TAnalyzer, TCodeFix>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    public static CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier> Create(string source, string fixedSource, string? editorConfig = null, IEnumerable<MetadataReference>? references = null)
        => Create(source, fixedSource, editorConfig, references, ruleId: null);

    internal static CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier> Create(string source, string fixedSource, string? editorConfig, IEnumerable<MetadataReference>? references, string? ruleId)
    {
        var test = new OneRuleCodeFixTest(ruleId)
        {
            TestCode = source,
            FixedCode = fixedSource,
            ReferenceAssemblies = ShiftLeftReferences.Net10,
        };
        test.TestState.AdditionalReferences.AddRange(references ?? ShiftLeftReferences.AllSdks);
        TestProject.Configure(test);
        EditorConfig.AddTo(test.TestState, editorConfig);
        EditorConfig.AddTo(test.FixedState, editorConfig);
        return test;
    }

    public static Task VerifyAsync(string source, string fixedSource, string? editorConfig = null, IEnumerable<MetadataReference>? references = null)
        => Create(source, fixedSource, editorConfig, references).RunAsync(CancellationToken.None);

    /// <summary>Markup without an ID (<c>[|…|]</c>) means the rule under test, when there is one.</summary>
    private sealed class OneRuleCodeFixTest(string? ruleId) : CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
    {
        protected override DiagnosticDescriptor? GetDefaultDiagnostic(DiagnosticAnalyzer[] analyzers) =>
            ruleId is null
                ? base.GetDefaultDiagnostic(analyzers)
                : analyzers.SelectMany(analyzer => analyzer.SupportedDiagnostics).First(descriptor => descriptor.Id == ruleId);
    }
}

/// <summary>A code fix for one rule of an analyzer that reports several (its other rules disabled).</summary>
public static class ShiftLeftCodeFixTest<TAnalyzer, TCodeFix, TRule>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
    where TRule : IRuleUnderTest
{
    public static CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier> Create(string source, string fixedSource, string? editorConfig = null, IEnumerable<MetadataReference>? references = null)
    {
        var test = ShiftLeftCodeFixTest<TAnalyzer, TCodeFix>.Create(source, fixedSource, editorConfig, references, TRule.Id);
        Rule.DisableAllBut<TAnalyzer>(test, TRule.Id);
        return test;
    }

    public static Task VerifyAsync(string source, string fixedSource, string? editorConfig = null, IEnumerable<MetadataReference>? references = null)
        => Create(source, fixedSource, editorConfig, references).RunAsync(CancellationToken.None);
}
