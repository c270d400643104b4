using System.Text.Json;
using System.Text.Unicode;

namespace ShiftLeft.Portal.Core.Ingestion;

/// <summary>Malformed JSON, with where it went wrong (and, for SARIF, which result and field when one is at fault).</summary>
internal sealed class JsonStreamException(string message, long line, long bytePosition) : Exception(message)
{
    public long Line { get; } = line;
    public long BytePosition { get; } = bytePosition;
    public string? Field { get; set; }
    public int? ResultIndex { get; set; }
}
