using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using ShiftLeft.Build.Gate;

namespace ShiftLeft.Build.Benchmarks;

/// <summary>
/// The gate's time as a build pays it: MSBuild runs the task once per build node, so the evaluation runs in a process
/// that has not run it before — its code is JIT-compiled on first use and hot loops start unoptimised.
/// <see cref="MetricScaleBenchmarks"/> measures the same evaluation warmed up. Here every measurement is the first
/// evaluation in a fresh process (RunStrategy.ColdStart, one invocation per launch); the repositories are written by
/// the host before the launches (<see cref="Prepare"/>), so no gate code runs in a launch before the measured call.
/// Run:
/// dotnet run -c Release --project tests/ShiftLeft.Build.Benchmarks -- --filter '*ColdStartGateScale*'
/// </summary>
[SimpleJob(RunStrategy.ColdStart, launchCount: 5, warmupCount: 0, iterationCount: 1, invocationCount: 1)]
[MemoryDiagnoser]
public class ColdStartGateScaleBenchmarks
{
    private static readonly string[] Formats = ["promptfoo", "aieval", "shiftleft"];
    private static readonly int[] Sizes = [1_000, 10_000, 100_000];

    [ParamsSource(nameof(FormatValues))]
    public string Format { get; set; } = "promptfoo";

    [ParamsSource(nameof(SizeValues))]
    public int Metrics { get; set; }

    public static IEnumerable<string> FormatValues => Formats;

    public static IEnumerable<int> SizeValues => Sizes;

    /// <summary>Writes every repository the launches read, in the host process.</summary>
    public static void Prepare()
    {
        foreach (var format in Formats)
        {
            foreach (var size in Sizes)
            {
                BenchmarkRepository.Create(format, size, RootOf(format, size));
            }
        }
    }

    [Benchmark]
    public GateResult FirstEvaluation()
    {
        var root = RootOf(Format, Metrics);
        if (!Directory.Exists(root))
        {
            throw new InvalidOperationException($"No repository at {root}: run with --filter '*ColdStart*' so that the host writes them first.");
        }

        var result = EvidenceGate.Evaluate(new GateRequest
        {
            ProjectPath = Path.Combine(root, BenchmarkRepository.Project),
            PolicyPath = Path.Combine(root, "shiftleft.json"),
            Commit = "0123456789abcdef0123456789abcdef01234567",
        });
        return result.Passed ? result : throw new InvalidOperationException("The benchmark repository must pass the gate: " + string.Join("; ", result.Diagnostics));
    }

    private static string RootOf(string format, int size) => Path.Combine(Path.GetTempPath(), "shiftleft-gate-cold", $"{format}-{size}");
}
