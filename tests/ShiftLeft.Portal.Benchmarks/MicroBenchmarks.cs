using BenchmarkDotNet.Attributes;
using ShiftLeft.Portal.Core.Ingestion;
using ShiftLeft.Portal.Core.Security;

namespace ShiftLeft.Portal.Benchmarks;

/// <summary>Per-result costs on the ingestion hot path.</summary>
[MemoryDiagnoser]
[ShortRunJob]
public class MicroBenchmarks
{
    private const string Message = "Member 'Handler42.Process' calls the model without the required control (SL0002)";
    private const string PersonalMessage = "Logged jane.doe@contoso.com from 10.1.2.3 while calling +1 415 555 0100";

    [Benchmark]
    public ulong Fingerprint() => new Fingerprints().Compute("SL0002", "src/Module3/File42.cs", null, Message).High;

    [Benchmark]
    public string? RedactOrdinaryMessage() => PersonalDataRedactor.Redact(Message);

    [Benchmark]
    public string? RedactPersonalData() => PersonalDataRedactor.Redact(PersonalMessage);
}
