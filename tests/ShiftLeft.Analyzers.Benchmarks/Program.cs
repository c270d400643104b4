using System.Collections.Immutable;
using System.Diagnostics;
using BenchmarkDotNet.Running;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using ShiftLeft.Analyzers.Benchmarks;

// Every mode takes --worst: the corpus where every file violates (the default corpus has a violating file in ten).
// SHIFTLEFT_BENCHMARK_GC=1 prints each timed run's GC pauses, gen2 count and allocation.
// dotnet run -c Release -- --filter '*' --job short --inProcess   BenchmarkDotNet: build share and per-document analysis
// dotnet run -c Release -- --telemetry [--rounds N]       CPU-time shares (robust on a busy machine) and per-analyzer times
// dotnet run -c Release -- --split [--each] [--gc]        per-document CPU time: set-up / first document / steady state
// dotnet run -c Release -- --secret-trigger [--rounds N]  SL0009's trigger over freshly parsed files (what a build pays once)
// dotnet-trace collect -- dotnet bin/Release/net10.0/ShiftLeft.Analyzers.Benchmarks.dll --hot-loop [--setup-only] | --whole [--rounds N] [--floor]
// dotnet run -c Release -- --allocations                  what the analyzers allocate beyond the no-op floor, together and one by one
// perf record -g -- dotnet bin/Release/net10.0/ShiftLeft.Analyzers.Benchmarks.dll --whole --rounds 8   (see docs/performance.md)
if (args.Contains("--worst"))
{
    Environment.SetEnvironmentVariable(Corpus.WorstCaseVariable, "1");
    args = args.Where(arg => arg != "--worst").ToArray();
}

// --project <response file>: --telemetry on a real project's compiler command line instead of the corpus (see RealProject).
var subject = args.SkipWhile(arg => arg != "--project").Skip(1).FirstOrDefault() is { } responseFile
    ? RealProject.FromResponseFile(responseFile)
    : Corpus.Subject;
Console.WriteLine($"Subject: {subject.Description}");
if (args.Contains("--telemetry"))
{
    var trees = subject.ParseAll();
    var analyzers = Corpus.AllAnalyzers();
    var rounds = RoundsArgument(args, 5);

    // Everything single-threaded and measured in process CPU time, so other load on the machine does not skew the ratios.
    // One untimed round of each first: otherwise the compile, measured first, would carry the JIT of the whole compiler.
    // Then rounds that alternate the floor and ShiftLeft, reported as medians: one 13 s analysis varies by a second or
    // more (GC, background tier-1 JIT), as much as the difference being measured.
    // Two warm-up analyses: the first JITs the analyzers and loads the SDK assemblies' symbol tables (which a build's
    // compile needs anyway and shares with the analyzers), the second lets tiered JIT settle.
    using (var warmUp = new MemoryStream()) subject.Compile(trees, concurrentBuild: false).Emit(warmUp);
    Analyze(subject, trees, analyzers, out _);
    Analyze(subject, trees, analyzers, out _);
    var floorCallbacks = new List<double>();
    var compile = new List<double>(); var floor = new List<double>(); var all = new List<double>(); var callbacks = new List<double>();
    var perAnalyzer = analyzers.ToDictionary(analyzer => analyzer, _ => new List<double>());
    CompilationWithAnalyzers? withAnalyzers = null;
    for (var round = 0; round < rounds; round++)
    {
        compile.Add(CpuTime(() =>
        {
            using var pe = new MemoryStream();
            subject.Compile(trees, concurrentBuild: false).Emit(pe);
        }).TotalMilliseconds);

        // The driver's own floor: binding every body and building IOperation trees for an analyzer that does nothing.
        var noOp = new NoOpInvocationAnalyzer();
        CompilationWithAnalyzers? floorAnalysis = null;
        floor.Add(CpuTime(() => Analyze(subject, trees, ImmutableArray.Create<DiagnosticAnalyzer>(noOp), out floorAnalysis)).TotalMilliseconds);
        floorCallbacks.Add((await floorAnalysis!.GetAnalyzerTelemetryInfoAsync(noOp, CancellationToken.None)).ExecutionTime.TotalMilliseconds);
        all.Add(CpuTime(() => Analyze(subject, trees, analyzers, out withAnalyzers)).TotalMilliseconds);

        // What -p:ReportAnalyzer=true reports: time inside each analyzer's callbacks.
        var total = 0.0;
        foreach (var analyzer in analyzers)
        {
            var info = await withAnalyzers!.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None);
            perAnalyzer[analyzer].Add(info.ExecutionTime.TotalMilliseconds);
            total += info.ExecutionTime.TotalMilliseconds;
        }

        callbacks.Add(total);
        Console.WriteLine($"round {round + 1}: compile {compile[^1]:0} ms, floor {floor[^1]:0} ms, ShiftLeft {all[^1]:0} ms, in ShiftLeft's callbacks {total:0} ms");
    }

    var diagnostics = await withAnalyzers!.GetAnalyzerDiagnosticsAsync();
    foreach (var (analyzer, times) in perAnalyzer)
        Console.WriteLine($"{analyzer.GetType().Name,-40} {Median(times),8:0} ms in callbacks (median)");

    var compileCpu = Median(compile);
    var ownWork = Median(all.Zip(floor, (withShiftLeft, withFloor) => withShiftLeft - withFloor).ToList());
    Console.WriteLine($"{trees.Length} files, {diagnostics.Length} findings ({string.Join(", ", diagnostics.GroupBy(d => d.Id).OrderBy(g => g.Key).Select(g => $"{g.Key} x{g.Count()}"))})");
    Console.WriteLine($"CPU medians of {rounds} rounds: compile (bind + emit) {compileCpu:0} ms; driver floor (no-op operation analyzer) {Median(floor):0} ms; all ShiftLeft analyzers {Median(all):0} ms");
    Console.WriteLine($"ShiftLeft's callbacks (ReportAnalyzer's measure) = {Median(callbacks):0} ms = {100 * Median(callbacks) / compileCpu:0.0} % of the compile");
    Console.WriteLine($"   (the no-op floor's empty invocation callback, timed the same way, reads {Median(floorCallbacks):0} ms: the timing's own overhead)");
    Console.WriteLine($"ShiftLeft over the floor (median of paired differences) = {ownWork:0} ms = {100 * ownWork / compileCpu:0.0} % of the compile");
    return;
}

if (args.Contains("--secret-trigger"))
{
    // --telemetry reuses its parsed trees, so its rounds find SL0009's per-tree scan cached: this is the uncached scan.
    var times = new List<double>();
    for (var round = 0; round < RoundsArgument(args, 7); round++)
    {
        var compilation = Corpus.Compile(Corpus.ParseAll());
        var holds = false;
        times.Add(CpuTime(() => holds = ShiftLeft.Analyzers.Secrets.SecretSourceText.AnyIn(compilation)).TotalMilliseconds);
        Console.WriteLine($"round {round + 1}: {times[^1]:0.0} ms, names a secret: {holds}");
    }

    Console.WriteLine($"SL0009's trigger over {Corpus.FileCount + 1} fresh files: median {Median(times):0.0} ms CPU");
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

if (args.Contains("--allocations"))
{
    // What each analyzer allocates over one whole-compilation analysis, beyond the no-op floor (deterministic, unlike
    // time on a shared machine): the garbage a build's collections must clear, and what lands GC pauses in callbacks.
    var trees = subject.ParseAll();
    var floorOnly = ImmutableArray.Create<DiagnosticAnalyzer>(new NoOpInvocationAnalyzer());
    long Allocated(ImmutableArray<DiagnosticAnalyzer> set)
    {
        var before = GC.GetTotalAllocatedBytes(precise: true);
        Analyze(subject, trees, set, out _);
        return GC.GetTotalAllocatedBytes(precise: true) - before;
    }

    Analyze(subject, trees, Corpus.AllAnalyzers(), out _);
    Analyze(subject, trees, Corpus.AllAnalyzers(), out _);
    var floorBytes = Enumerable.Range(0, 3).Select(_ => Allocated(floorOnly)).Min();
    Console.WriteLine($"floor (no-op invocation analyzer): {floorBytes / 1048576.0:0.0} MB");
    Console.WriteLine($"all ShiftLeft analyzers: +{(Enumerable.Range(0, 3).Select(_ => Allocated(Corpus.AllAnalyzers())).Min() - floorBytes) / 1048576.0:0.00} MB over the floor");
    foreach (var analyzer in Corpus.AllAnalyzers())
    {
        var alone = Enumerable.Range(0, 3).Select(_ => Allocated(ImmutableArray.Create(analyzer))).Min();
        Console.WriteLine($"  {analyzer.GetType().Name,-42} +{(alone - floorBytes) / 1048576.0:0.00} MB");
    }

    return;
}

if (args.Contains("--whole"))
{
    // For a sampling profiler: whole-compilation analysis by every ShiftLeft analyzer (after one warm-up round), or with
    // --floor by the no-op analyzer alone, to compare the driver's work with and without ShiftLeft.
    var trees = subject.ParseAll();
    // A pause between rounds marks them apart in a trace (Thread.Sleep frames): the first round carries the JIT.
    var wholeRounds = RoundsArgument(args, 4);
    for (var round = 0; round < wholeRounds; round++)
    {
        Analyze(subject, trees, args.Contains("--floor") ? ImmutableArray.Create<DiagnosticAnalyzer>(new NoOpInvocationAnalyzer()) : Corpus.AllAnalyzers(), out _);
        Thread.Sleep(2000);
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
    var pause = GC.GetTotalPauseDuration();
    var gen2 = GC.CollectionCount(2);
    var allocated = GC.GetTotalAllocatedBytes();
    action();
    var cpu = Process.GetCurrentProcess().TotalProcessorTime - before;
    if (Environment.GetEnvironmentVariable("SHIFTLEFT_BENCHMARK_GC") == "1")
        Console.WriteLine($"   cpu {cpu.TotalMilliseconds:0} ms, gc pause {(GC.GetTotalPauseDuration() - pause).TotalMilliseconds:0} ms, gen2 +{GC.CollectionCount(2) - gen2}, allocated {(GC.GetTotalAllocatedBytes() - allocated) / 1048576} MB, heap after {GC.GetTotalMemory(false) / 1048576} MB");
    return cpu;
}

static void Analyze(IBenchmarkSubject subject, ImmutableArray<SyntaxTree> trees, ImmutableArray<DiagnosticAnalyzer> analyzers, out CompilationWithAnalyzers withAnalyzers)
{
    // A build binds the compilation's references before any analyzer runs; without this the first compilation-start
    // action to touch a symbol would be charged with it.
    var compilation = subject.Compile(trees, concurrentBuild: false);
    _ = compilation.Assembly;
    withAnalyzers = compilation.WithAnalyzers(analyzers,
        new CompilationWithAnalyzersOptions(subject.Options, null, concurrentAnalysis: false, logAnalyzerExecutionTime: true));
    withAnalyzers.GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
}

static int RoundsArgument(string[] args, int fallback) =>
    args.SkipWhile(arg => arg != "--rounds").Skip(1).Select(int.Parse).DefaultIfEmpty(fallback).First();

static double Median(List<double> values)
{
    values.Sort();
    return values[values.Count / 2];
}
