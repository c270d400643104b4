using ShiftLeft.Build.Diagnostics;

namespace ShiftLeft.Build.Json;

/// <summary>Maps JSON pointers of one file to the line and column where their values start.</summary>
public sealed class JsonLocator
{
    private readonly string _path;
    private readonly Dictionary<string, int> _valueOffsets;
    private readonly TextPositions _positions;

    internal JsonLocator(string path, Dictionary<string, int> valueOffsets, TextPositions positions)
    {
        _path = path;
        _valueOffsets = valueOffsets;
        _positions = positions;
    }

    /// <summary>Where the value at <paramref name="pointer"/> starts; a missing value is shown at its nearest existing parent.</summary>
    public SourceLocation Locate(string pointer)
    {
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
}
