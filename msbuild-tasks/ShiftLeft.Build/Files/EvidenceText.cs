using ShiftLeft.Build.Diagnostics;
using ShiftLeft.Build.Json;

namespace ShiftLeft.Build.Files;

/// <summary>
/// Checks that bytes are text a person wrote: strict UTF-8 (a byte order mark is fine), no UTF-16/UTF-32, no NUL.
/// Latin-1 or Windows-1252 files are rejected at the first byte that is not UTF-8, instead of being read with
/// replacement characters that would change names and numbers.
/// </summary>
internal static class EvidenceText
{
    /// <summary>The text's bytes without a UTF-8 byte order mark, or null after adding a diagnostic.</summary>
    public static ReadOnlyMemory<byte>? Check(byte[] bytes, string displayPath, string errorCode, ICollection<EvidenceDiagnostic> diagnostics)
    {
        var text = bytes.AsMemory();
        if (bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
        {
            text = text.Slice(3);
        }
        else if (bytes.Length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)))
        {
            diagnostics.Add(EvidenceDiagnostic.Error(errorCode, new SourceLocation(displayPath, 1, 1), $"'{displayPath}' is encoded as UTF-16 or UTF-32. Save it as UTF-8 (with or without a byte order mark)."));
            return null;
        }

        var span = text.Span;
        var nul = span.IndexOf((byte)0);
        if (nul >= 0)
        {
            var (line, column) = new TextPositions(text).LineAndColumn(nul);
            diagnostics.Add(EvidenceDiagnostic.Error(errorCode, new SourceLocation(displayPath, line, column), $"'{displayPath}' contains a NUL byte, so it is binary or not UTF-8 text. Save it as UTF-8 text."));
            return null;
        }

        if (!System.Text.Unicode.Utf8.IsValid(span))
        {
            var offset = FirstInvalid(span);
            var (line, column) = new TextPositions(text).LineAndColumn(offset);
            diagnostics.Add(EvidenceDiagnostic.Error(errorCode, new SourceLocation(displayPath, line, column), $"'{displayPath}' is not valid UTF-8: byte 0x{span[offset]:X2} at offset {offset} starts no UTF-8 character (the file looks Latin-1 or Windows-1252 encoded). Save it as UTF-8."));
            return null;
        }

        return text;
    }

    private static int FirstInvalid(ReadOnlySpan<byte> span)
    {
        var offset = 0;
        while (offset < span.Length)
        {
            if (System.Text.Rune.DecodeFromUtf8(span.Slice(offset), out _, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                return offset;
            }

            offset += consumed;
        }

        return span.Length - 1;
    }
}
