using ShiftLeft.Build.Diagnostics;

namespace ShiftLeft.Build.Json;

/// <summary>Reads evidence and policy files as UTF-8 with size and encoding checks that produce SL100x errors, not exceptions.</summary>
public static class TextFiles
{
    /// <summary>
    /// The file's bytes without a UTF-8 byte order mark, or null after adding a diagnostic when the file
    /// cannot be read, is too large, or is UTF-16/UTF-32 encoded.
    /// </summary>
    public static byte[]? ReadUtf8(string path, string displayPath, string errorCode, long maxBytes, string fixHint, ICollection<EvidenceDiagnostic> diagnostics)
    {
        byte[] bytes;
        try
        {
            var length = new FileInfo(path).Length;
            if (length > maxBytes)
            {
                diagnostics.Add(EvidenceDiagnostic.Error(errorCode, SourceLocation.InFile(displayPath), $"'{displayPath}' is {length:N0} bytes, above the {maxBytes:N0}-byte limit for this kind of file. Keep the file below the limit (summarise or split it)."));
                return null;
            }

            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(EvidenceDiagnostic.Error(errorCode, SourceLocation.InFile(displayPath), $"'{displayPath}' cannot be read: {ex.Message} Make the file readable by the build. {fixHint}"));
            return null;
        }

        if (bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
        {
            return bytes.AsSpan(3).ToArray();
        }

        if (bytes.Length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)))
        {
            diagnostics.Add(EvidenceDiagnostic.Error(errorCode, new SourceLocation(displayPath, 1, 1), $"'{displayPath}' is encoded as UTF-16 or UTF-32. Save it as UTF-8 (with or without a byte order mark)."));
            return null;
        }

        if (Array.IndexOf(bytes, (byte)0) >= 0)
        {
            diagnostics.Add(EvidenceDiagnostic.Error(errorCode, new SourceLocation(displayPath, 1, 1), $"'{displayPath}' contains NUL bytes, so it is binary or not UTF-8 text. Save it as UTF-8 text."));
            return null;
        }

        return bytes;
    }
}
