using System.Text;
using System.Text.Unicode;
using BenchmarkDotNet.Attributes;
using ShiftLeft.Portal.Core.Domain;
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
    private static readonly byte[] MessageUtf8 = Encoding.UTF8.GetBytes(Message);
    private readonly StrippedControlCharacters stripped = new();

    [Benchmark]
    public ulong Fingerprint() => new Fingerprints().Compute("SL0002", "src/Module3/File42.cs", null, Message).High;

    [Benchmark]
    public string? RedactOrdinaryMessage() => PersonalDataRedactor.Redact(Message);

    [Benchmark]
    public string? RedactPersonalData() => PersonalDataRedactor.Redact(PersonalMessage);

    // The hostile-input checks every result passes (issue 11): strict UTF-8 of each string token, control characters
    // of each free-text field, the rule-id grammar.
    [Benchmark]
    public bool ValidateUtf8OfMessage() => Utf8.IsValid(MessageUtf8);

    [Benchmark]
    public string? StripControlCharactersOfOrdinaryMessage() => stripped.Clean(Message, "result 0, message.text");

    [Benchmark]
    public bool RuleIdGrammar() => RuleIds.IsValid("SL0002");
}
