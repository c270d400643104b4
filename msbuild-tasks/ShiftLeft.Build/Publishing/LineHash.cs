using System.Globalization;

namespace ShiftLeft.Build.Publishing;

/// <summary>
/// GitHub code scanning's <c>primaryLocationLineHash</c>: a rolling hash (base 37, 64-bit wrap-around) over the first
/// 100 non-blank characters from the start of each line, line endings normalised to '\n', followed by ':n' counting
/// equal hashes in the file — the algorithm of github/codeql-action's fingerprints.ts, so a log that carries it is
/// matched by code scanning exactly as if the upload action had computed it.
/// </summary>
public static class LineHash
{
    private const int BlockSize = 100;
    private const long Mod = 37;
    private const char Eof = (char)65535;

    /// <summary>Hash of every line of <paramref name="text"/>, index 0 = line 1.</summary>
    public static IReadOnlyList<string> Compute(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var hashes = new List<string>();
        var window = new int[BlockSize];
        var lineNumbers = Enumerable.Repeat(-1, BlockSize).ToArray();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        long hash = 0;
        var firstMod = 1L;
        for (var i = 0; i < BlockSize; i++)
        {
            firstMod = unchecked(firstMod * Mod);
        }

        var index = 0;
        var lineNumber = 0;
        var lineStart = true;
        var previousCr = false;

        void Output()
        {
            var value = unchecked((ulong)hash).ToString("x", CultureInfo.InvariantCulture);
            counts[value] = counts.TryGetValue(value, out var seen) ? seen + 1 : 1;
            var line = lineNumbers[index];
            while (hashes.Count < line)
            {
                hashes.Add("");
            }

            hashes[line - 1] = value + ":" + counts[value].ToString(CultureInfo.InvariantCulture);
            lineNumbers[index] = -1;
        }

        void Update(int current)
        {
            var begin = window[index];
            window[index] = current;
            hash = unchecked((Mod * hash) + current - (firstMod * begin));
            index = (index + 1) % BlockSize;
        }

        void Process(char current)
        {
            if (current is ' ' or '\t' || (previousCr && current == '\n'))
            {
                previousCr = false;
                return;
            }

            if (current == '\r')
            {
                current = '\n';
                previousCr = true;
            }
            else
            {
                previousCr = false;
            }

            if (lineNumbers[index] != -1)
            {
                Output();
            }

            if (lineStart)
            {
                lineStart = false;
                lineNumber++;
                lineNumbers[index] = lineNumber;
            }

            if (current == '\n')
            {
                lineStart = true;
            }

            Update(current);
        }

        foreach (var c in text)
        {
            Process(c);
        }

        Process(Eof);
        for (var i = 0; i < BlockSize; i++)
        {
            if (lineNumbers[index] != -1)
            {
                Output();
            }

            Update(0);
        }

        return hashes;
    }
}
