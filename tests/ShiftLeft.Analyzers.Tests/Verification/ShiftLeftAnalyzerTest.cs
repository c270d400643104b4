// Usage (analyzer only):
//   await ShiftLeftAnalyzerTest<ModelCallAnalyzer, Rule.SL0001>.VerifyAsync(source);   // one rule of the analyzer, expectations as {|SL0001:markup|}
//   await ShiftLeftAnalyzerTest<ConfigurationAnalyzer>.VerifyAsync(source);             // every rule of the analyzer
//   await ShiftLeftAnalyzerTest<X>.VerifyAsync(source, editorConfig: "shiftleft.guardrail_methods = A.B.C");
//   var test = ShiftLeftAnalyzerTest<X>.Create(source); test.ExpectedDiagnostics.Add(...); await test.RunAsync();
// editorConfig lines go into a root .editorconfig section [*.cs]; references default to ShiftLeftReferences.AllSdks (pass ShiftLeftReferences.LoggingOnly for 'no AI SDK').
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace ShiftLeft.Analyzers.Tests.Verification;

public static class ShiftLeftAnalyzerTest<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    public static CSharpAnalyzerTest<TAnalyzer, DefaultVerifier> Create(string source, string? editorConfig = null, IEnumerable<MetadataReference>? references = null)
    {
        var test = new CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
        {
            TestCode = source,
            ReferenceAssemblies = ShiftLeftReferences.Net10,
        };
        test.TestState.AdditionalReferences.AddRange(references ?? ShiftLeftReferences.AllSdks);
        TestProject.Configure(test);
        EditorConfig.AddTo(test.TestState, editorConfig);
        return test;
    }

    public static Task VerifyAsync(string source, string? editorConfig = null, IEnumerable<MetadataReference>? references = null, params DiagnosticResult[] expected)
    {
        var test = Create(source, editorConfig, references);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }
}

/// <summary>One rule of an analyzer that reports several: its other rules are disabled, so a test states only its own.</summary>
public static class ShiftLeftAnalyzerTest<TAnalyzer, TRule>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TRule : IRuleUnderTest
{
    public static CSharpAnalyzerTest<TAnalyzer, DefaultVerifier> Create(string source, string? editorConfig = null, IEnumerable<MetadataReference>? references = null)
    {
        var test = ShiftLeftAnalyzerTest<TAnalyzer>.Create(source, editorConfig, references);
        Rule.DisableAllBut<TAnalyzer>(test, TRule.Id);
        return test;
    }

    public static Task VerifyAsync(string source, string? editorConfig = null, IEnumerable<MetadataReference>? references = null, params DiagnosticResult[] expected)
    {
        var test = Create(source, editorConfig, references);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }
}

public interface IRuleUnderTest
{
    static abstract string Id { get; }
}

/// <summary>The rules, as type arguments for <see cref="ShiftLeftAnalyzerTest{TAnalyzer, TRule}"/>.</summary>
public static class Rule
{
    public sealed class SL0001 : IRuleUnderTest { public static string Id => "SL0001"; }

    public sealed class SL0002 : IRuleUnderTest { public static string Id => "SL0002"; }

    public sealed class SL0003 : IRuleUnderTest { public static string Id => "SL0003"; }

    public sealed class SL0004 : IRuleUnderTest { public static string Id => "SL0004"; }

    public static void DisableAllBut<TAnalyzer>(AnalyzerTest<DefaultVerifier> test, string id)
        where TAnalyzer : DiagnosticAnalyzer, new() =>
        test.DisabledDiagnostics.AddRange(new TAnalyzer().SupportedDiagnostics.Select(descriptor => descriptor.Id).Where(other => other != id));
}

internal static class TestProject
{
    // The SDKs mark preview APIs [Experimental]; real projects opt in the same way.
    private static readonly string[] ExperimentalApiIds = ["OPENAI001", "OPENAI002", "MEAI001", "SKEXP0001", "SKEXP0010", "SKEXP0050", "SKEXP0110"];

    public static void Configure<TVerifier>(AnalyzerTest<TVerifier> test)
        where TVerifier : IVerifier, new()
    {
        test.SolutionTransforms.Add((solution, projectId) =>
        {
            var options = solution.GetProject(projectId)!.CompilationOptions!;
            var specific = options.SpecificDiagnosticOptions.SetItems(ExperimentalApiIds.Select(id => new KeyValuePair<string, ReportDiagnostic>(id, ReportDiagnostic.Suppress)));
            return solution.WithProjectCompilationOptions(projectId, options.WithSpecificDiagnosticOptions(specific));
        });
    }
}

internal static class EditorConfig
{
    public static void AddTo(SolutionState state, string? lines)
    {
        if (string.IsNullOrWhiteSpace(lines))
        {
            return;
        }

        state.AnalyzerConfigFiles.Add(("/.editorconfig", $"root = true\n\n[*.cs]\n{lines}\n"));
    }
}
