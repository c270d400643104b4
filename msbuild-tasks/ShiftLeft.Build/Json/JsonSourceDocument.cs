using System.Text.Json;
using ShiftLeft.Build.Diagnostics;

namespace ShiftLeft.Build.Json;

/// <summary>
/// A parsed JSON file that remembers where every value starts, so schema and semantic errors found on the parsed
/// tree can still name the line and column a person has to edit. Loading rejects what System.Text.Json would accept
/// but a reader must not: a key written twice in one object (JsonDocument would silently use one of them) and numbers
/// outside the range of a double (1e400 would throw later, deep inside the gate).
/// </summary>
public sealed class JsonSourceDocument : IDisposable
{
    internal static readonly JsonReaderOptions ReaderOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = 64 };

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        MaxDepth = 64,
    };

    private JsonSourceDocument(string path, JsonDocument document, JsonLocator locator)
    {
        Path = path;
        Document = document;
        Locator = locator;
    }

    /// <summary>Positions of the values; stays usable after the document is disposed.</summary>
    public JsonLocator Locator { get; }

    /// <summary>The path shown in messages.</summary>
    public string Path { get; }

    /// <summary>The parsed document.</summary>
    public JsonDocument Document { get; }

    /// <summary>The root value.</summary>
    public JsonElement Root => Document.RootElement;

    /// <summary>Where the value at a JSON pointer (e.g. <c>/systems/0/riskTier</c>) starts; the file alone when unknown.</summary>
    public SourceLocation Locate(string pointer) => Locator.Locate(pointer);

    /// <summary>
    /// Parses checked UTF-8 text. On failure returns null and adds one diagnostic with <paramref name="errorCode"/>
    /// naming the exact line and column of the problem.
    /// </summary>
    public static JsonSourceDocument? Load(ReadOnlyMemory<byte> bytes, string displayPath, string errorCode, string fixHint, ICollection<EvidenceDiagnostic> diagnostics)
    {
        if (IsWhitespaceOnly(bytes.Span))
        {
            diagnostics.Add(EvidenceDiagnostic.Error(errorCode, new SourceLocation(displayPath, 1, 1), $"'{displayPath}' is empty; JSON content was expected. {fixHint}"));
            return null;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, DocumentOptions);
        }
        catch (JsonException ex)
        {
            var line = (int)(ex.LineNumber ?? 0) + 1;
            var column = (int)(ex.BytePositionInLine ?? 0) + 1;
            diagnostics.Add(EvidenceDiagnostic.Error(errorCode, new SourceLocation(displayPath, line, column), $"'{displayPath}' is not valid JSON: {DescribeJsonError(ex.Message)} {fixHint}"));
            return null;
        }

        if (FindUnreadableToken(bytes, displayPath, errorCode, fixHint) is { } problem)
        {
            document.Dispose();
            diagnostics.Add(problem);
            return null;
        }

        return new JsonSourceDocument(displayPath, document, new JsonLocator(displayPath, bytes));
    }

    /// <summary>Escapes one JSON pointer segment (RFC 6901).</summary>
    public static string Child(string pointer, string property) =>
        pointer + "/" + property.Replace("~", "~0").Replace("/", "~1");

    /// <summary>The pointer of an array item.</summary>
    public static string Child(string pointer, int index) => pointer + "/" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public void Dispose() => Document.Dispose();

    private static bool IsWhitespaceOnly(ReadOnlySpan<byte> bytes) => bytes.TrimStart(" \t\r\n"u8).IsEmpty;

    // One pass over the tokens (the document already parsed, so the syntax is sound): the first duplicate key,
    // unreadable string or out-of-range number, located at its token. Keys are compared as raw bytes per object (no
    // string per key: a 100,000-metric file has half a million of them); an object with an escaped key, where two
    // spellings can mean one name, is compared by decoded names.
    private static EvidenceDiagnostic? FindUnreadableToken(ReadOnlyMemory<byte> bytes, string displayPath, string errorCode, string fixHint)
    {
        var span = bytes.Span;
        var reader = new Utf8JsonReader(span, ReaderOptions);
        var keys = new List<(int Start, int Length)>();
        var objectStarts = new Stack<int>();
        var decoded = new Stack<HashSet<string>?>();
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    objectStarts.Push(keys.Count);
                    decoded.Push(null);
                    break;
                case JsonTokenType.EndObject:
                    keys.RemoveRange(objectStarts.Peek(), keys.Count - objectStarts.Pop());
                    decoded.Pop();
                    break;
                case JsonTokenType.PropertyName:
                    string? name = null;
                    if (reader.ValueIsEscaped && (name = Unescape(ref reader)) is null)
                    {
                        return At(reader.TokenStartIndex, LoneSurrogate(displayPath, fixHint));
                    }

                    if (IsDuplicate(ref reader, span, keys, objectStarts.Peek(), decoded, name))
                    {
                        var shown = name ?? System.Text.Encoding.UTF8.GetString(reader.ValueSpan);
                        return At(reader.TokenStartIndex, $"'{displayPath}' has the key \"{EvidenceDiagnostic.Excerpt(shown)}\" twice in the same object; a reader would silently use one of the two values. Keep exactly one. {fixHint}");
                    }

                    break;
                case JsonTokenType.String when reader.ValueIsEscaped && Unescape(ref reader) is null:
                    return At(reader.TokenStartIndex, LoneSurrogate(displayPath, fixHint));
                case JsonTokenType.Number when !reader.TryGetDouble(out var number) || !double.IsFinite(number):
                    var text = System.Text.Encoding.UTF8.GetString(reader.ValueSpan);
                    return At(reader.TokenStartIndex, $"'{displayPath}' has the number {EvidenceDiagnostic.Excerpt(text, 40)}, which is outside the range of a double-precision number. Write a finite value between -1.7e308 and 1.7e308. {fixHint}");
            }
        }

        return null;

        EvidenceDiagnostic At(long offset, string message)
        {
            var (line, column) = new TextPositions(bytes).LineAndColumn((int)offset);
            return EvidenceDiagnostic.Error(errorCode, new SourceLocation(displayPath, line, column), message);
        }
    }

    // Raw key bytes of the current object start at keys[first]; once an escaped key appears, the object switches to
    // decoded names (name is non-null then).
    private static bool IsDuplicate(ref Utf8JsonReader reader, ReadOnlySpan<byte> span, List<(int Start, int Length)> keys, int first, Stack<HashSet<string>?> decoded, string? name)
    {
        var names = decoded.Peek();
        if (names is null && name is not null)
        {
            names = new HashSet<string>(StringComparer.Ordinal);
            for (var i = first; i < keys.Count; i++)
            {
                names.Add(System.Text.Encoding.UTF8.GetString(span.Slice(keys[i].Start, keys[i].Length)));
            }

            decoded.Pop();
            decoded.Push(names);
        }

        if (names is not null)
        {
            return !names.Add(name ?? reader.GetString()!);
        }

        var key = reader.ValueSpan;
        var start = (int)reader.TokenStartIndex + 1;
        if (keys.Count - first > 32)
        {
            // A large object: decoded names in a set rather than a quadratic scan.
            var set = new HashSet<string>(StringComparer.Ordinal);
            for (var i = first; i < keys.Count; i++)
            {
                set.Add(System.Text.Encoding.UTF8.GetString(span.Slice(keys[i].Start, keys[i].Length)));
            }

            decoded.Pop();
            decoded.Push(set);
            return !set.Add(reader.GetString()!);
        }

        for (var i = first; i < keys.Count; i++)
        {
            if (span.Slice(keys[i].Start, keys[i].Length).SequenceEqual(key))
            {
                return true;
            }
        }

        keys.Add((start, key.Length));
        return false;
    }

    // "\ud800" alone is valid JSON syntax but no text: reading it as a string throws. Null then.
    private static string? Unescape(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static string LoneSurrogate(string displayPath, string fixHint) =>
        $"'{displayPath}' has a string with an escaped lone surrogate (such as \\ud800 without its pair), which is not text. Write the character itself, or a complete \\uXXXX\\uXXXX pair. {fixHint}";

    // System.Text.Json messages end with "LineNumber: 3 | BytePositionInLine: 5." which we already report as a location.
    private static string DescribeJsonError(string message)
    {
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        if (cut < 0)
        {
            cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        }

        var text = (cut > 0 ? message.Substring(0, cut) : message).Trim();
        return text.EndsWith(".", StringComparison.Ordinal) ? text : text + ".";
    }
}
