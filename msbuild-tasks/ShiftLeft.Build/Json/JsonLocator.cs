using System.Text.Json;
using ShiftLeft.Build.Diagnostics;

namespace ShiftLeft.Build.Json;

/// <summary>
/// Maps JSON pointers of one file to the line and column where their values start. The map is built on the first
/// question: a passing gate never asks, and a file with 100,000 metrics should not pay for 800,000 pointers it does
/// not need.
/// </summary>
public sealed class JsonLocator
{
    private readonly string _path;
    private readonly ReadOnlyMemory<byte> _bytes;
    private Dictionary<string, int>? _valueOffsets;
    private TextPositions? _positions;

    internal JsonLocator(string path, ReadOnlyMemory<byte> bytes)
    {
        _path = path;
        _bytes = bytes;
    }

    /// <summary>Where the value at <paramref name="pointer"/> starts; a missing value is shown at its nearest existing parent.</summary>
    public SourceLocation Locate(string pointer)
    {
        _valueOffsets ??= MapValueOffsets(_bytes.Span);
        _positions ??= new TextPositions(_bytes);
        var current = pointer;
        while (true)
        {
            if (_valueOffsets.TryGetValue(current, out var offset))
            {
                var (line, column) = _positions.LineAndColumn(offset);
                return new SourceLocation(_path, line, column);
            }

            if (current.Length == 0)
            {
                return SourceLocation.InFile(_path);
            }

            current = current.Substring(0, current.LastIndexOf('/'));
        }
    }

    private static Dictionary<string, int> MapValueOffsets(ReadOnlySpan<byte> bytes)
    {
        var offsets = new Dictionary<string, int>(StringComparer.Ordinal);
        var reader = new Utf8JsonReader(bytes, JsonSourceDocument.ReaderOptions);
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
                pointer = JsonSourceDocument.Child(frame.Pointer, frame.NextIndex);
                frames.Push(frame with { NextIndex = frame.NextIndex + 1 });
            }
            else
            {
                pointer = JsonSourceDocument.Child(frames.Peek().Pointer, pendingProperty ?? string.Empty);
            }

            // The first occurrence wins: duplicate keys are rejected before anything is located.
            offsets.TryAdd(pointer, (int)reader.TokenStartIndex);
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                frames.Push(new Frame(pointer, reader.TokenType == JsonTokenType.StartArray, 0));
            }
        }

        return offsets;
    }

    private readonly record struct Frame(string Pointer, bool IsArray, int NextIndex);
}
