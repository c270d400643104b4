using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(ShiftLeft.Build.Benchmarks.GateEvaluationBenchmarks).Assembly).Run(args);
