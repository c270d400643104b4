using System.Text;
using System.Text.Json;
using ShiftLeft.Build.Diagnostics;

namespace ShiftLeft.Build.Json;

/// <summary>
/// A parsed JSON file that remembers where every value starts, so schema and semantic errors found on the
/// parsed tree can still name the line and column a person has to edit.
/// </summary>
public sealed class JsonSourceDocument : IDisposable
{
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

    /// <summary>Full path of the file, as given.</summary>
    public string Path { get; }

    /// <summary>The parsed document.</summary>
    public JsonDocument Document { get; }

    /// <summary>The root value.</summary>
    public JsonElement Root => Document.RootElement;

    /// <summary>Where the value at a JSON pointer (e.g. <c>/systems/0/riskTier</c>) starts; the file alone when unknown.</summary>
    public SourceLocation Locate(string pointer) => Locator.Locate(pointer);

    /// <summary>
    /// Reads and parses <paramref name="path"/>. On failure returns null and adds one diagnostic with
    /// <paramref name="errorCode"/> naming the exact line and column of the syntax error.
    /// </summary>
    public static JsonSourceDocument? Load(string path, string displayPath, string errorCode, long maxBytes, string fixHint, ICollection<EvidenceDiagnostic> diagnostics, bool rejectPlaceholders = false)
    {
        var bytes = TextFiles.ReadUtf8(path, displayPath, errorCode, maxBytes, fixHint, diagnostics);
        if (bytes is null || (rejectPlaceholders && TemplatePlaceholder.Report(bytes, displayPath, diagnostics)))
        {
            return null;
        }

        if (bytes.Length == 0 || IsWhitespaceOnly(bytes))
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

        return new JsonSourceDocument(displayPath, document, new JsonLocator(displayPath, MapValueOffsets(bytes), new TextPositions(bytes)));
    }

    /// <summary>Escapes one JSON pointer segment (RFC 6901).</summary>
    public static string Child(string pointer, string property) =>
        pointer + "/" + property.Replace("~", "~0").Replace("/", "~1");

    /// <summary>The pointer of an array item.</summary>
    public static string Child(string pointer, int index) => pointer + "/" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public void Dispose() => Document.Dispose();

    private static bool IsWhitespaceOnly(byte[] bytes) => bytes.All(b => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n');

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

    private static Dictionary<string, int> MapValueOffsets(byte[] bytes)
    {
        var offsets = new Dictionary<string, int>(StringComparer.Ordinal);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = 64 });
        var frames = new Stack<Frame>();
        string? pendingProperty = null;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName)
            {
                pendingProperty = reader.GetString();
                continue;
            }

            if (reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray)
            {
                frames.Pop();
                continue;
            }

            string pointer;
            if (frames.Count == 0)
            {
                pointer = string.Empty;
            }
            else if (frames.Peek().IsArray)
            {
                var frame = frames.Pop();
                pointer = Child(frame.Pointer, frame.NextIndex);
                frames.Push(frame with { NextIndex = frame.NextIndex + 1 });
            }
            else
            {
                pointer = Child(frames.Peek().Pointer, pendingProperty ?? string.Empty);
            }

            offsets[pointer] = (int)reader.TokenStartIndex;
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                frames.Push(new Frame(pointer, reader.TokenType == JsonTokenType.StartArray, 0));
            }
        }

        return offsets;
    }

    private readonly record struct Frame(string Pointer, bool IsArray, int NextIndex);
}
