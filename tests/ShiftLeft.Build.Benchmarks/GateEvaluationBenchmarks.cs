using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using ShiftLeft.Build.Gate;

namespace ShiftLeft.Build.Benchmarks;

/// <summary>
/// The in-process cost of one gate evaluation of a passing high-tier system (policy with schema validation, six
/// artifacts in all three evaluation formats, prompt hashing), i.e. what a build pays when an input changed and the
/// task assembly is already loaded. Run: dotnet run -c Release --project tests/ShiftLeft.Build.Benchmarks -- --filter '*'
/// </summary>
[MemoryDiagnoser]
public class GateEvaluationBenchmarks
{
    private string _root = string.Empty;

    [GlobalSetup]
    public void CopyFixture()
    {
        _root = Path.Combine(Path.GetTempPath(), "shiftleft-gate-bdn-" + Guid.NewGuid().ToString("N"));
        var source = Path.Combine(AppContext.BaseDirectory, "fixture");
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(_root, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllText(target, File.ReadAllText(file).Replace("{{TODAY}}", today, StringComparison.Ordinal));
        }

        // A reviewer certified the three artifacts for the current model and prompts.
        foreach (var artifact in new[] { "docs/ai/support/model-card.md", "eval/support/results.json", "eval/support/redteam.json" })
        {
            BenchmarkRepository.Stamp(_root, artifact);
        }

        var result = Evaluate();
        if (!result.Passed || result.Report is null)
        {
            throw new InvalidOperationException("The benchmark fixture must pass the gate: " + string.Join("; ", result.Diagnostics));
        }
    }

    [GlobalCleanup]
    public void DeleteFixture() => Directory.Delete(_root, recursive: true);

    [Benchmark]
    public GateResult Evaluate() => EvidenceGate.Evaluate(new GateRequest
    {
        ProjectPath = Path.Combine(_root, "src", "Support", "Support.csproj"),
        PolicyPath = Path.Combine(_root, "shiftleft.json"),
        Commit = "0123456789abcdef0123456789abcdef01234567",
    });

}
