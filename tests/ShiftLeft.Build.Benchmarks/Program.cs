using BenchmarkDotNet.Running;
using ShiftLeft.Build.Benchmarks;

// The cold-start launches read repositories the host writes, so that no launch runs gate code before its measurement.
if (args.Any(a => a.Contains("ColdStart", StringComparison.Ordinal)))
{
    ColdStartGateScaleBenchmarks.Prepare();
}

BenchmarkSwitcher.FromAssembly(typeof(GateEvaluationBenchmarks).Assembly).Run(args);
