// Usage: await AnalyzerTelemetry.RegisteredActionCountAsync(analyzer, source, references) → how many actions the
// analyzer registered for that compilation beyond its compilation-start action (0 proves "register nothing when no AI
// SDK is referenced").
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ShiftLeft.Analyzers.Tests.Verification;

public static class AnalyzerTelemetry
{
    public static async Task<int> RegisteredActionCountAsync(DiagnosticAnalyzer analyzer, string source, IEnumerable<MetadataReference> references)
    {
        var compilation = await NetCompilation.CreateAsync(new[] { source }, references);
        var withAnalyzers = compilation.WithAnalyzers(ImmutableArray.Create(analyzer), new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: true));
        await withAnalyzers.GetAnalyzerDiagnosticsAsync();
        var telemetry = await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None);
        return telemetry.OperationActionsCount + telemetry.OperationBlockActionsCount + telemetry.OperationBlockStartActionsCount
            + telemetry.OperationBlockEndActionsCount + telemetry.SyntaxNodeActionsCount + telemetry.SyntaxTreeActionsCount
            + telemetry.SemanticModelActionsCount + telemetry.SymbolActionsCount + telemetry.SymbolStartActionsCount
            + telemetry.CodeBlockActionsCount + telemetry.CodeBlockStartActionsCount + telemetry.CompilationActionsCount
            + telemetry.CompilationEndActionsCount;
    }
}

/// <summary>Plain compilations over the .NET 10 reference pack plus the given references (for tests that drive analyzers directly).</summary>
public static class NetCompilation
{
    public static async Task<CSharpCompilation> CreateAsync(IEnumerable<string> sources, IEnumerable<MetadataReference> references, string assemblyName = "Probe")
    {
        var framework = await ShiftLeftReferences.Net10.ResolveAsync(LanguageNames.CSharp, CancellationToken.None);
        var trees = sources.Select((text, index) => CSharpSyntaxTree.ParseText(text, new CSharpParseOptions(LanguageVersion.Latest), path: $"/src/File{index}.cs"));
        return CSharpCompilation.Create(assemblyName, trees, framework.AddRange(references),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
    }
}
