namespace ShiftLeft.Build.Files;

/// <summary>Reads a resolved regular file with its size checked before anything is read, and never more than the limit.</summary>
internal static class FileContent
{
    /// <summary>The file's bytes, or null with a clause saying why they cannot be had.</summary>
    public static byte[]? Read(string realPath, long maxBytes, out string? problem)
    {
        try
        {
            var length = new FileInfo(realPath).Length;
            if (length > maxBytes)
            {
                problem = $"it is {length:N0} bytes, above the {maxBytes:N0}-byte limit for this kind of file";
                return null;
            }

            using var stream = new FileStream(realPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.SequentialScan);
            var buffer = new byte[length];
            var total = 0;
            int read;
            while (total < buffer.Length && (read = stream.Read(buffer, total, buffer.Length - total)) > 0)
            {
                total += read;
            }

            // The size was checked, but a file can change between the check and the read.
            Span<byte> probe = stackalloc byte[1];
            if (stream.Read(probe) > 0)
            {
                problem = "it grew while it was read; build again once whatever writes it has finished";
                return null;
            }

            problem = null;
            return total == buffer.Length ? buffer : buffer.AsSpan(0, total).ToArray();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problem = "it cannot be read: " + ex.Message.TrimEnd('.');
            return null;
        }
    }
}
