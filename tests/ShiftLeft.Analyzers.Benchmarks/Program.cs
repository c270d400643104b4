using System.Collections.Immutable;
using System.Diagnostics;
using BenchmarkDotNet.Running;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using ShiftLeft.Analyzers.Benchmarks;

// dotnet run -c Release -- --filter '*' --job short --inProcess   BenchmarkDotNet: build share and per-document analysis
// dotnet run -c Release -- --telemetry                    CPU-time shares (robust on a busy machine) and per-analyzer times
if (args.Contains("--telemetry"))
{
    var trees = Corpus.ParseAll();
    var analyzers = Corpus.AllAnalyzers();

    // Everything single-threaded and measured in process CPU time, so other load on the machine does not skew the ratios.
    var compileCpu = CpuTime(() =>
    {
        using var pe = new MemoryStream();
        Corpus.Compile(trees, concurrentBuild: false).Emit(pe);
    });

    // The driver's own floor: binding every body and building IOperation trees for an analyzer that does nothing.
    var floorCpu = CpuTime(() => Analyze(trees, ImmutableArray.Create<DiagnosticAnalyzer>(new NoOpInvocationAnalyzer()), out _));
    CompilationWithAnalyzers? withAnalyzers = null;
    var allCpu = CpuTime(() => Analyze(trees, analyzers, out withAnalyzers));

    var diagnostics = await withAnalyzers!.GetAnalyzerDiagnosticsAsync();
    foreach (var analyzer in analyzers)
    {
        var info = await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None);
        Console.WriteLine($"{analyzer.GetType().Name,-40} {info.ExecutionTime.TotalMilliseconds,8:0} ms wall in callbacks");
    }

    Console.WriteLine($"{Corpus.FileCount + 1} files, {diagnostics.Length} findings ({string.Join(", ", diagnostics.GroupBy(d => d.Id).OrderBy(g => g.Key).Select(g => $"{g.Key} x{g.Count()}"))})");
    Console.WriteLine($"CPU: compile (bind + emit) {compileCpu.TotalMilliseconds:0} ms; driver floor (no-op operation analyzer) {floorCpu.TotalMilliseconds:0} ms; all ShiftLeft analyzers {allCpu.TotalMilliseconds:0} ms");
    Console.WriteLine($"ShiftLeft's own work = {(allCpu - floorCpu).TotalMilliseconds:0} ms = {100 * (allCpu - floorCpu) / compileCpu:0.0} % of the compile");
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Corpus).Assembly).Run(args);

static TimeSpan CpuTime(Action action)
{
    GC.Collect();
    var before = Process.GetCurrentProcess().TotalProcessorTime;
    action();
    return Process.GetCurrentProcess().TotalProcessorTime - before;
}

static void Analyze(ImmutableArray<SyntaxTree> trees, ImmutableArray<DiagnosticAnalyzer> analyzers, out CompilationWithAnalyzers withAnalyzers)
{
    withAnalyzers = Corpus.Compile(trees, concurrentBuild: false).WithAnalyzers(analyzers,
        new CompilationWithAnalyzersOptions(Corpus.Options, null, concurrentAnalysis: false, logAnalyzerExecutionTime: true));
    withAnalyzers.GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
}
