// Usage (analyzer + code fix; Fix All in document/project/solution is exercised by the framework's iterations):
//   await ShiftLeftCodeFixTest<TheAnalyzer, TheFix>.VerifyAsync(source, fixedSource);
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
    {
        var test = new CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
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
}
