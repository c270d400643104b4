namespace ShiftLeft.Build.Json;

/// <summary>Turns a byte offset in UTF-8 text into a 1-based line and character column.</summary>
internal sealed class TextPositions
{
    private readonly ReadOnlyMemory<byte> _bytes;
    private readonly List<int> _lineStarts = [0];

    public TextPositions(ReadOnlyMemory<byte> bytes)
    {
        _bytes = bytes;
        var span = bytes.Span;
        for (var i = span.IndexOf((byte)'\n'); i >= 0; i = NextNewline(span, i + 1))
        {
            _lineStarts.Add(i + 1);
        }
    }

    public (int Line, int Column) LineAndColumn(int offset)
    {
        var index = _lineStarts.BinarySearch(offset);
        var line = index >= 0 ? index : ~index - 1;
        var span = _bytes.Span;
        var column = 1;
        for (var i = _lineStarts[line]; i < offset && i < span.Length; i++)
        {
            // Count characters, not bytes: continuation bytes (10xxxxxx) belong to the previous character.
            if ((span[i] & 0xC0) != 0x80)
            {
                column++;
            }
        }

        return (line + 1, column);
    }

    private static int NextNewline(ReadOnlySpan<byte> span, int from)
    {
        if (from >= span.Length)
        {
            return -1;
        }

        var next = span.Slice(from).IndexOf((byte)'\n');
        return next < 0 ? -1 : from + next;
    }
}
