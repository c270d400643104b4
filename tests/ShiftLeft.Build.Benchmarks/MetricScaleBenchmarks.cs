using BenchmarkDotNet.Attributes;
using ShiftLeft.Build.Gate;

namespace ShiftLeft.Build.Benchmarks;

/// <summary>
/// Gate time against the number of metric values in one evaluation file (1k, 10k, 100k), per format: must grow
/// linearly, and 100k values must stay within 2 s. Each iteration is a whole gate evaluation of a passing limited-tier
/// system (policy, model card, the evaluation, its stamp). Run:
/// dotnet run -c Release --project tests/ShiftLeft.Build.Benchmarks -- --filter '*MetricScale*' --job short
/// </summary>
[MemoryDiagnoser]
public class MetricScaleBenchmarks
{
    private string _root = string.Empty;

    [Params("promptfoo", "aieval", "shiftleft", "promptfoo+governance")]
    public string Format { get; set; } = "promptfoo";

    [Params(1_000, 10_000, 100_000)]
    public int Metrics { get; set; }

    [GlobalSetup]
    public void CreateRepository()
    {
        _root = BenchmarkRepository.Create(Format, Metrics);
        var result = Evaluate();
        if (!result.Passed)
        {
            throw new InvalidOperationException("The benchmark repository must pass the gate: " + string.Join("; ", result.Diagnostics));
        }
    }

    [GlobalCleanup]
    public void DeleteRepository() => Directory.Delete(_root, recursive: true);

    [Benchmark]
    public GateResult Evaluate() => EvidenceGate.Evaluate(new GateRequest
    {
        ProjectPath = Path.Combine(_root, BenchmarkRepository.Project),
        PolicyPath = Path.Combine(_root, "shiftleft.json"),
        Commit = "0123456789abcdef0123456789abcdef01234567",
    });
}
