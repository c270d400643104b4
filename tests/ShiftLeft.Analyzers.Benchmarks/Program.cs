using System.Collections.Immutable;
using System.Diagnostics;
using BenchmarkDotNet.Running;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using ShiftLeft.Analyzers.Benchmarks;

// dotnet run -c Release -- --filter '*' --job short --inProcess   BenchmarkDotNet: build share and per-document analysis
// dotnet run -c Release -- --telemetry                    CPU-time shares (robust on a busy machine) and per-analyzer times
// dotnet run -c Release -- --split [--each] [--gc]        per-document CPU time: set-up / first document / steady state
// dotnet-trace collect -- dotnet bin/Release/net10.0/ShiftLeft.Analyzers.Benchmarks.dll --hot-loop [--setup-only]
if (args.Contains("--telemetry"))
{
    var trees = Corpus.ParseAll();
    var analyzers = Corpus.AllAnalyzers();

    // Everything single-threaded and measured in process CPU time, so other load on the machine does not skew the ratios.
    // One untimed round of each first: otherwise the compile, measured first, would carry the JIT of the whole compiler.
    using (var warmUp = new MemoryStream()) Corpus.Compile(trees, concurrentBuild: false).Emit(warmUp);
    Analyze(trees, analyzers, out _);
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

if (args.Contains("--split"))
{
    // Where a document's cost goes: (setup) compilation start + one warm-up document, (first) the next document,
    // (steady) a document after 20 others warmed the per-compilation caches. Median process CPU time of 15 fresh drivers.
    var compilation = Corpus.Compile(Corpus.ParseAll());
    compilation.GetDiagnostics();
    var sets = new[]
    {
        ("floor", ImmutableArray.Create<DiagnosticAnalyzer>(new NoOpInvocationAnalyzer())),
        ("block floor", ImmutableArray.Create<DiagnosticAnalyzer>(new NoOpOperationBlockAnalyzer())),
        ("reporting floor", ImmutableArray.Create<DiagnosticAnalyzer>(new ReportingNoOpAnalyzer())),
        ("ShiftLeft", Corpus.AllAnalyzers()),
    }.Concat(args.Contains("--each") ? Corpus.AllAnalyzers().Select(a => (a.GetType().Name.Replace("Analyzer", ""), ImmutableArray.Create(a))) : []).ToArray();
    var warmUps = Enumerable.Range(300, 20).Select(index => compilation.GetSemanticModel(compilation.SyntaxTrees.ElementAt(index))).ToArray();
    foreach (var pass in new[] { "warm-up", "measured" })
    {
        foreach (var document in args.Contains("--each") ? new[] { 260 } : new[] { 1, 260, 519 })
        {
            var model = compilation.GetSemanticModel(compilation.SyntaxTrees.ElementAt(document));
            foreach (var (name, set) in sets)
            {
                var setup = new List<double>(); var first = new List<double>(); var steady = new List<double>();
                for (var repeat = 0; repeat < (pass == "measured" ? 15 : 3); repeat++)
                {
                    var driver = compilation.WithAnalyzers(set, new CompilationWithAnalyzersOptions(Corpus.Options, null, concurrentAnalysis: false, logAnalyzerExecutionTime: false));
                    setup.Add(CpuTime(() => driver.GetAnalyzerSemanticDiagnosticsAsync(warmUps[0], null, CancellationToken.None).GetAwaiter().GetResult()).TotalMilliseconds);
                    GC.Collect();
                    var gen0 = GC.CollectionCount(0); var gen1 = GC.CollectionCount(1); var gen2 = GC.CollectionCount(2);
                    var pause = GC.GetTotalPauseDuration();
                    var wall = Stopwatch.StartNew();
                    first.Add(CpuTime(() => driver.GetAnalyzerSemanticDiagnosticsAsync(model, null, CancellationToken.None).GetAwaiter().GetResult()).TotalMilliseconds);
                    if (args.Contains("--gc") && pass == "measured")
                        Console.WriteLine($"   {name,-12} wall {wall.Elapsed.TotalMilliseconds,6:0.0} ms  cpu {first[^1],6:0.0} ms  gc pause {(GC.GetTotalPauseDuration() - pause).TotalMilliseconds,5:0.0} ms  gen0/1/2 +{GC.CollectionCount(0) - gen0}/{GC.CollectionCount(1) - gen1}/{GC.CollectionCount(2) - gen2}");
                    var warm = compilation.WithAnalyzers(set, new CompilationWithAnalyzersOptions(Corpus.Options, null, concurrentAnalysis: false, logAnalyzerExecutionTime: false));
                    foreach (var warmUp in warmUps) warm.GetAnalyzerSemanticDiagnosticsAsync(warmUp, null, CancellationToken.None).GetAwaiter().GetResult();
                    steady.Add(CpuTime(() => warm.GetAnalyzerSemanticDiagnosticsAsync(model, null, CancellationToken.None).GetAwaiter().GetResult()).TotalMilliseconds);
                }

                if (pass == "measured")
                    Console.WriteLine($"doc {document,3} {name,-32} setup {Median(setup),7:0.0} ms   first doc {Median(first),7:0.0} ms   steady doc {Median(steady),7:0.0} ms");
            }
        }
    }

    return;
}

if (args.Contains("--hot-loop"))
{
    // For a sampling profiler (dotnet-trace): per-document analysis by every ShiftLeft analyzer, over and over.
    var compilation = Corpus.Compile(Corpus.ParseAll());
    compilation.GetDiagnostics();
    var setupOnly = args.Contains("--setup-only");
    var analyzers = Corpus.AllAnalyzers();
    var warmUp = compilation.GetSemanticModel(compilation.SyntaxTrees.ElementAt(2));
    var models = new[] { 1, 260, 519 }.Select(document => compilation.GetSemanticModel(compilation.SyntaxTrees.ElementAt(document))).ToArray();
    for (var round = 0; round < 60; round++)
    {
        var driver = compilation.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(Corpus.Options, null, concurrentAnalysis: false, logAnalyzerExecutionTime: false));
        driver.GetAnalyzerSemanticDiagnosticsAsync(warmUp, null, CancellationToken.None).GetAwaiter().GetResult();
        if (setupOnly) continue;
        foreach (var model in models) driver.GetAnalyzerSemanticDiagnosticsAsync(model, null, CancellationToken.None).GetAwaiter().GetResult();
    }

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

static double Median(List<double> values)
{
    values.Sort();
    return values[values.Count / 2];
}
