using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ShiftLeft.Analyzers.Benchmarks;

/// <summary>
/// Build share: compiling the 520-file corpus (binding + emit) without analyzers, with every ShiftLeft analyzer, and
/// with a no-op operation analyzer (the driver floor every operation analyzer pays). Share = (ShiftLeft − floor) / without.
/// Each operation starts from a fresh Compilation over pre-parsed trees, so nothing bound earlier is reused.
/// </summary>
[MemoryDiagnoser]
[GcServer(true)] // as the compiler runs (see the project file)
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
    public int CompileWithShiftLeftAnalyzers() => CompileWith(_analyzers);

    /// <summary>The driver floor: the same pass with one no-op operation analyzer (binding for the driver + IOperation trees).</summary>
    [Benchmark]
    public int CompileWithNoOpAnalyzer() => CompileWith(ImmutableArray.Create<DiagnosticAnalyzer>(new NoOpInvocationAnalyzer()));

    private int CompileWith(ImmutableArray<DiagnosticAnalyzer> analyzers)
    {
        var compilation = Corpus.Compile(_trees);
        var withAnalyzers = compilation.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(Corpus.Options, null, concurrentAnalysis: true, logAnalyzerExecutionTime: false));
        var analyzerDiagnostics = withAnalyzers.GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
        using var pe = new MemoryStream();
        var result = compilation.Emit(pe);
        return result.Diagnostics.Length + analyzerDiagnostics.Length;
    }
}

/// <summary>
/// Per-document analysis as the IDE does it: a driver that is already initialised for the compilation (compilation
/// start actions done, the compilation bound) analyses one more document. Measured for every ShiftLeft analyzer and,
/// as the baseline, for a no-op operation analyzer (the driver's own per-document floor), and for the same no-op analyzer
/// reporting one diagnostic per document (the driver's per-document generated-code check that any reporting analyzer
/// triggers). Documents: typical feature
/// files of the corpus (7 model calls each, logging, guards, prompt building).
/// Run with --invocationCount 1 --unrollFactor 1 (required by the per-iteration setup).
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class DocumentAnalysisBenchmarks
{
    private CSharpCompilation _compilation = null!;
    private ImmutableArray<DiagnosticAnalyzer> _analyzers;
    private SemanticModel _model = null!;
    private SemanticModel _warmUpModel = null!;
    private CompilationWithAnalyzers _shiftLeft = null!;
    private CompilationWithAnalyzers _floor = null!;
    private CompilationWithAnalyzers _reportingFloor = null!;

    [Params(1, 260, 519)]
    public int Document { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _compilation = Corpus.Compile(Corpus.ParseAll());
        _compilation.GetDiagnostics();
        _analyzers = Corpus.AllAnalyzers();
        _model = _compilation.GetSemanticModel(_compilation.SyntaxTrees.ElementAt(Document));
        _warmUpModel = _compilation.GetSemanticModel(_compilation.SyntaxTrees.ElementAt(Document == 1 ? 2 : 1));
    }

    [IterationSetup]
    public void InitialiseDrivers()
    {
        _shiftLeft = Initialised(_analyzers);
        _floor = Initialised(ImmutableArray.Create<DiagnosticAnalyzer>(new NoOpInvocationAnalyzer()));
        _reportingFloor = Initialised(ImmutableArray.Create<DiagnosticAnalyzer>(new ReportingNoOpAnalyzer()));

        // The set-up's garbage (two drivers, two warm-up documents) must not be collected inside the measured call:
        // that would bill the set-up's GC to whichever benchmark happens to cross the gen0 budget.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    [Benchmark]
    public int ShiftLeftAnalyzers() => _shiftLeft.GetAnalyzerSemanticDiagnosticsAsync(_model, null, CancellationToken.None).GetAwaiter().GetResult().Length;

    [Benchmark(Baseline = true)]
    public int DriverFloor() => _floor.GetAnalyzerSemanticDiagnosticsAsync(_model, null, CancellationToken.None).GetAwaiter().GetResult().Length;

    [Benchmark]
    public int ReportingDriverFloor() => _reportingFloor.GetAnalyzerSemanticDiagnosticsAsync(_model, null, CancellationToken.None).GetAwaiter().GetResult().Length;

    private CompilationWithAnalyzers Initialised(ImmutableArray<DiagnosticAnalyzer> analyzers)
    {
        var driver = _compilation.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(Corpus.Options, null, concurrentAnalysis: false, logAnalyzerExecutionTime: false));
        driver.GetAnalyzerSemanticDiagnosticsAsync(_warmUpModel, null, CancellationToken.None).GetAwaiter().GetResult();
        return driver;
    }
}
