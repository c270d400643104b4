using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ShiftLeft.Analyzers.Benchmarks;

/// <summary>
/// Build share: compiling the 520-file corpus (binding + emit) without analyzers versus with every ShiftLeft analyzer.
/// Each operation starts from a fresh Compilation over pre-parsed trees, so nothing bound earlier is reused.
/// </summary>
[MemoryDiagnoser]
public class BuildShareBenchmarks
{
    private ImmutableArray<SyntaxTree> _trees;
    private ImmutableArray<DiagnosticAnalyzer> _analyzers;

    [GlobalSetup]
    public void Setup()
    {
        _trees = Corpus.ParseAll();
        _analyzers = Corpus.AllAnalyzers();
        var errors = Corpus.Compile(_trees).GetDiagnostics().Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("The corpus does not compile: " + string.Join("\n", errors.Take(5)));
        }
    }

    [Benchmark(Baseline = true)]
    public int CompileWithoutAnalyzers()
    {
        var compilation = Corpus.Compile(_trees);
        using var pe = new MemoryStream();
        var result = compilation.Emit(pe);
        return result.Diagnostics.Length;
    }

    [Benchmark]
    public int CompileWithShiftLeftAnalyzers()
    {
        var compilation = Corpus.Compile(_trees);
        var withAnalyzers = compilation.WithAnalyzers(_analyzers, new CompilationWithAnalyzersOptions(Corpus.Options, null, concurrentAnalysis: true, logAnalyzerExecutionTime: false));
        var analyzerDiagnostics = withAnalyzers.GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
        using var pe = new MemoryStream();
        var result = compilation.Emit(pe);
        return result.Diagnostics.Length + analyzerDiagnostics.Length;
    }
}

/// <summary>
/// Per-document analysis as the IDE does it: every ShiftLeft analyzer over one document of an already-bound
/// compilation (a light file, a typical feature file, and the file with the most model calls of the corpus).
/// </summary>
[MemoryDiagnoser]
public class DocumentAnalysisBenchmarks
{
    private CSharpCompilation _compilation = null!;
    private ImmutableArray<DiagnosticAnalyzer> _analyzers;
    private SemanticModel _model = null!;

    [Params(0, 1, 260)]
    public int Document { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _compilation = Corpus.Compile(Corpus.ParseAll());
        _compilation.GetDiagnostics();
        _analyzers = Corpus.AllAnalyzers();
        _model = _compilation.GetSemanticModel(_compilation.SyntaxTrees.ElementAt(Document));
        _model.GetDiagnostics();
        AnalyzeDocument();
    }

    [Benchmark]
    public int AnalyzeDocument()
    {
        var withAnalyzers = _compilation.WithAnalyzers(_analyzers, new CompilationWithAnalyzersOptions(Corpus.Options, null, concurrentAnalysis: false, logAnalyzerExecutionTime: false));
        return withAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(_model, null, CancellationToken.None).GetAwaiter().GetResult().Length;
    }
}
