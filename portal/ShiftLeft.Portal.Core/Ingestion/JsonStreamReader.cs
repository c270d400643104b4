using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace ShiftLeft.Portal.Core.Ingestion;

/// <summary>
/// A forward-only JSON tokenizer over a <see cref="Stream"/> of any size: <see cref="Utf8JsonReader"/> over a pooled,
/// refilled buffer, so memory stays bounded by the longest token rather than the document. Errors become
/// <see cref="JsonStreamException"/> with the line and absolute byte offset. Decoding is strict: every string and
/// property name must be valid UTF-8 (the reader itself checks only the bytes between tokens), a leading UTF-8 byte
/// order mark is skipped and a UTF-16 one refused.
/// </summary>
internal sealed class JsonStreamReader : IDisposable
{
    private readonly Stream _stream;
    private readonly int _maxTokenBytes;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private bool _final;
    private JsonReaderState _state;
    private long _bufferOffset;
    private long _linesBeforeBuffer;
    private int _valueStart;
    private int _valueLength;
    private bool _escaped;
    private string? _unescaped;

    public JsonStreamReader(Stream stream, int maxTokenBytes, int maxDepth, int initialBufferSize = 64 * 1024)
    {
        _stream = stream;
        _maxTokenBytes = maxTokenBytes;
        _buffer = ArrayPool<byte>.Shared.Rent(initialBufferSize);
        _state = new JsonReaderState(new JsonReaderOptions { MaxDepth = maxDepth, CommentHandling = JsonCommentHandling.Disallow });
    }

    public JsonTokenType TokenType { get; private set; }

    /// <summary>Depth of the current token (0 for the root value).</summary>
    public int Depth { get; private set; }

    /// <summary>Absolute offset of the reader in the (decompressed) document.</summary>
    public long Position => _bufferOffset + _start;

    /// <summary>Advances to the next token; false at the end of the document.</summary>
    public bool Read()
    {
        while (true)
        {
            bool ok;
            try
            {
                ok = ReadOne();
            }
            catch (JsonException ex)
            {
                var message = ex.Message;
                if (_final && (message.Contains("end of data", StringComparison.Ordinal) || message.Contains("end of the JSON payload", StringComparison.Ordinal)))
                    message = "The document ends early (truncated upload?). " + message;
                throw Error(message, ex.LineNumber, ex.BytePositionInLine);
            }
            catch (InvalidOperationException ex)
            {
                // Utf8JsonReader reports invalid UTF-8 inside a string this way.
                throw Error(ex.Message, null, null);
            }

            if (ok) return true;
            if (_final) return false;
            Refill();
        }
    }

    private bool ReadOne()
    {
        if (_bufferOffset == 0 && _start == 0 && !SkipByteOrderMark()) return false;
        var reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), _final, _state);
        if (!reader.Read())
        {
            _start += (int)reader.BytesConsumed;
            _state = reader.CurrentState;
            return false;
        }

        TokenType = reader.TokenType;
        Depth = reader.CurrentDepth;
        _unescaped = null;
        if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName or JsonTokenType.Number)
        {
            _escaped = reader.ValueIsEscaped;
            _valueLength = reader.ValueSpan.Length;
            _valueStart = _start + (int)reader.TokenStartIndex + (reader.TokenType == JsonTokenType.Number ? 0 : 1);
            if (_valueLength > _maxTokenBytes)
                throw new JsonException($"A single JSON value is longer than {_maxTokenBytes} bytes (absurd message, snippet or URI?).");
            if (reader.TokenType != JsonTokenType.Number && !Utf8.IsValid(reader.ValueSpan))
                throw new JsonException("A string is not valid UTF-8: save the file as UTF-8 (invalid bytes are refused, not replaced).");
            if (_escaped) _unescaped = reader.GetString();
        }

        _start += (int)reader.BytesConsumed;
        _state = reader.CurrentState;
        return true;
    }

    /// <summary>
    /// At the start of the document: skips a UTF-8 byte order mark (Windows tools write one), refuses UTF-16 with a message
    /// saying so. False while fewer than three bytes are buffered and more may come.
    /// </summary>
    private bool SkipByteOrderMark()
    {
        var head = _buffer.AsSpan(_start, _end - _start);
        if (head.Length < 3 && !_final) return false;
        if (head.StartsWith("\uFEFF"u8)) _start += 3;
        else if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
            throw new JsonException("The document is UTF-16; upload it as UTF-8.");
        return true;
    }

    /// <summary>The current string or property name.</summary>
    public string GetString() => _unescaped ?? Encoding.UTF8.GetString(_buffer, _valueStart, _valueLength);

    /// <summary>Whether the current property name / string equals the given UTF-8 text.</summary>
    public bool ValueEquals(ReadOnlySpan<byte> utf8) =>
        _escaped ? string.Equals(_unescaped, Encoding.UTF8.GetString(utf8), StringComparison.Ordinal) : _buffer.AsSpan(_valueStart, _valueLength).SequenceEqual(utf8);

    /// <summary>The current number as an <see cref="int"/> (false when it is not an integer in range).</summary>
    public bool TryGetInt32(out int value) =>
        int.TryParse(_buffer.AsSpan(_valueStart, _valueLength), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    /// <summary>Skips the value whose first token is current (an object or array is skipped whole).</summary>
    public void SkipCurrentValue()
    {
        if (TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray)) return;
        var depth = Depth;
        while (Read())
        {
            if (Depth == depth && TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray) return;
        }

        throw Error("The document ends inside an object or array (truncated?).");
    }

    /// <summary>Reads the next token, failing with a clear message at the end of the document.</summary>
    public void ReadRequired()
    {
        if (!Read()) throw Error("The document ends unexpectedly (truncated?).");
    }

    public JsonStreamException Error(string message) => Error(message, null, null);

    private JsonStreamException Error(string message, long? lineInChunk, long? byteInLine)
    {
        var line = _linesBeforeBuffer + _buffer.AsSpan(0, Math.Min(_start, _end)).Count((byte)'\n') + (lineInChunk ?? 0) + 1;
        // Utf8JsonReader's own message ends with its chunk-relative position; ours is absolute.
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut > 0) message = message[..cut];
        return new JsonStreamException(message.TrimEnd(), line, Position + (byteInLine ?? 0));
    }

    private void Refill()
    {
        var pending = _end - _start;
        if (_start > 0)
        {
            _linesBeforeBuffer += _buffer.AsSpan(0, _start).Count((byte)'\n');
            _bufferOffset += _start;
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, pending);
            _start = 0;
            _end = pending;
        }

        // What is still pending after compaction is one unfinished token (plus a little structure around it).
        if (pending > _maxTokenBytes)
            throw Error($"A single JSON value is longer than {_maxTokenBytes} bytes (absurd message, snippet or URI?).");
        if (_end == _buffer.Length)
        {
            // One token fills the whole buffer: grow (the check above bounds it).
            var bigger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
            Buffer.BlockCopy(_buffer, 0, bigger, 0, _end);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = bigger;
        }

        var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0) _final = true;
        _end += read;
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }
}
