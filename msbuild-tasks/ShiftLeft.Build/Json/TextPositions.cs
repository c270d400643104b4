namespace ShiftLeft.Build.Json;

/// <summary>Turns a byte offset in a UTF-8 file into a 1-based line and character column.</summary>
internal sealed class TextPositions
{
    private readonly byte[] _bytes;
    private readonly List<int> _lineStarts = [0];

    public TextPositions(byte[] bytes)
    {
        _bytes = bytes;
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\n')
            {
                _lineStarts.Add(i + 1);
            }
        }
    }

    public (int Line, int Column) LineAndColumn(int offset)
    {
        var index = _lineStarts.BinarySearch(offset);
        var line = index >= 0 ? index : ~index - 1;
        var column = 1;
        for (var i = _lineStarts[line]; i < offset && i < _bytes.Length; i++)
        {
            // Count characters, not bytes: continuation bytes (10xxxxxx) belong to the previous character.
            if ((_bytes[i] & 0xC0) != 0x80)
            {
                column++;
            }
        }

        return (line + 1, column);
    }
}
